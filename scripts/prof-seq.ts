import { checkSequential } from "../src/checker/sequential/check-sequential.js";

const geometry = (process.argv[2] ?? "small") as "small" | "kernel";
const t0 = performance.now();
const out = checkSequential(
  { flags: ["alloc"], geometry, faults: [] },
  { runs: 2000, seed: 1, maxCommands: 60, universe: "small", mix: {} },
);
const s = (performance.now() - t0) / 1000;
console.log(out.verdict, out.commands, (out.commands / s).toFixed(0), "cmd/s");
