import { CheckedPair } from "../../src/checker/sequential/checked-pair.js";
import { pairOptions } from "../../src/checker/sequential/check-sequential.js";
const [faults, ...lines] = process.argv.slice(2);
const pair = new CheckedPair(pairOptions({ flags: (process.env.FLAGS ?? "").split(",").filter(Boolean) as ("alloc" | "rcu")[], geometry: (process.env.GEOM ?? "kernel") as "kernel" | "small", faults: faults === "-" ? [] : faults.split(",") }));
for (const l of lines) {
  try { pair.run(l); console.log("ok  ", l); } catch (e) { console.log("FAIL", l, String(e).slice(0, 300)); break; }
}
