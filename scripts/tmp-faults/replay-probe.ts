import { checkSequential } from "../../src/checker/sequential/check-sequential.js";
import { loadSpecFile } from "../../src/checker/spec/load-spec.js";
for (const f of process.argv.slice(2)) {
  const spec = loadSpecFile(f);
  const seq = spec.sequential!;
  const a = checkSequential(spec.tree, seq);
  const cx = a.counterexample!;
  console.log(spec.name, a.verdict, cx?.path, cx?.error);
  for (const o of [{ seed: cx.seed, path: cx.path }, { seed: cx.seed, path: cx.path, runs: 1 }, { seed: cx.seed }]) {
    try {
      const b = checkSequential(spec.tree, seq, o);
      console.log("  ", JSON.stringify(o).slice(0, 60), b.counterexample?.error === cx.error ? "SAME" : `DIFF ${b.counterexample?.error}`);
    } catch (e) { console.log("  ", JSON.stringify(o).slice(0, 60), String(e).slice(0, 100)); }
  }
}
