/**
 * The fault gate from the command line: runs every fault of the catalog with its specs,
 * prints the table, optionally writes it as JSON, and compares with the committed baseline.
 *
 *   npm run build && node dist/scripts/fault-gate.js [--json FILE] [--baseline FILE]
 *     [--fault NAME ...] [--max-runs N] [--controls] [--write-baseline FILE]
 *
 * --controls also runs every spec with no fault (it must pass: no false alarm).
 *
 * Exit 1 when a fault the baseline caught escapes.
 */
import { writeFileSync } from "node:fs";
import {
  baselineOf,
  compareWithBaseline,
  FAULT_BASELINE_PATH,
  type FaultBaseline,
  formatGate,
  loadBaseline,
  runFaultGate,
} from "../src/checker/faults/index.js";

function args(argv: string[]) {
  const out = {
    json: undefined as string | undefined,
    baseline: FAULT_BASELINE_PATH,
    writeBaseline: undefined as string | undefined,
    faults: [] as string[],
    maxRuns: undefined as number | undefined,
    controls: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--json") out.json = next();
    else if (a === "--baseline") out.baseline = next();
    else if (a === "--write-baseline") out.writeBaseline = next();
    else if (a === "--fault") out.faults.push(next());
    else if (a === "--max-runs") out.maxRuns = Number(next());
    else if (a === "--controls") out.controls = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

const o = args(process.argv.slice(2));
const result = runFaultGate({
  ...(o.faults.length > 0 && { faults: o.faults }),
  ...(o.maxRuns !== undefined && { maxRuns: o.maxRuns }),
  controls: o.controls,
  onRow: (r) => process.stderr.write(`${r.fault}: ${r.caught ? "caught" : "NOT caught"}\n`),
});
console.log(formatGate(result));
if (o.json !== undefined) writeFileSync(o.json, `${JSON.stringify(result, null, 2)}\n`);
if (o.writeBaseline !== undefined)
  writeFileSync(o.writeBaseline, `${JSON.stringify(baselineOf(result.rows), null, 2)}\n`);
let baseline: FaultBaseline | undefined;
try {
  baseline = loadBaseline(o.baseline);
} catch {
  baseline = undefined;
}
if (baseline !== undefined) {
  // A run of chosen faults is compared on those faults only.
  const compared: FaultBaseline =
    o.faults.length === 0
      ? baseline
      : {
          faults: Object.fromEntries(
            Object.entries(baseline.faults).filter(([f]) => o.faults.includes(f)),
          ),
        };
  const cmp = compareWithBaseline(result.rows, compared);
  if (cmp.newlyCaught.length > 0) console.log(`newly caught: ${cmp.newlyCaught.join(", ")}`);
  if (!cmp.ok) {
    console.log(`ESCAPED (caught in the baseline): ${cmp.escaped.join(", ")}`);
    process.exit(1);
  }
}
