import { TraceMachine } from "../../src/trace/execute.js";
import { formatResult } from "../../src/trace/format.js";
import { parseLine } from "../../src/trace/parse.js";
import { KERNEL_GEOMETRY, SMALL_GEOMETRY } from "../../src/impl/geometry.js";
import type { Fault } from "../../src/impl/faults.js";
const [faults, ...lines] = process.argv.slice(2);
const m = new TraceMachine({ guard: true, tree: { geometry: process.env.GEOM === "small" ? SMALL_GEOMETRY : KERNEL_GEOMETRY, faults: (faults === "-" ? [] : faults.split(",")) as Fault[] } });
let n = 0;
for (const l of lines) {
  const p = parseLine(l, ++n);
  if (p === null) continue;
  try {
    const out = formatResult(m.runLine(p));
    if (!l.startsWith("store") || out !== "ok") console.log(`${l} -> ${out}`);
  } catch (e) { console.log(`${l} -> EXC ${String(e).slice(0, 200)}`); }
}
