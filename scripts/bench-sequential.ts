/**
 * Commands per second of the sequential checker, with the whole-map comparison and validate()
 * after every command, on the kernel and the small geometry, each flag set.
 *
 *   npm run build && node dist/scripts/bench-sequential.js [--runs N] [--commands N]
 */
import { checkSequential } from "../src/checker/sequential/check-sequential.js";
import { STORE_TYPE_NAMES } from "../src/impl/constants.js";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const runs = opt("runs", 200);
const maxCommands = opt("commands", 60);

console.log(
  `runs ${runs}, up to ${maxCommands} commands each, validate + whole-map check after every command`,
);
for (const geometry of ["kernel", "small"] as const) {
  for (const flags of [[], ["alloc"], ["rcu"], ["alloc", "rcu"]] as Array<Array<"alloc" | "rcu">>) {
    const t0 = performance.now();
    const out = checkSequential(
      { flags, geometry, faults: [] },
      { runs, seed: 1, maxCommands, universe: "small", mix: {} },
    );
    const s = (performance.now() - t0) / 1000;
    const name = `${geometry} ${flags.join("|") || "0"}`.padEnd(18);
    console.log(
      `${name} ${out.verdict.padEnd(9)} ${String(out.commands).padStart(7)} commands ${(out.commands / s).toFixed(0).padStart(7)}/s  height>=3 in ${out.coverage.commandsToHeight3.length}/${out.runs} runs (median ${median(out.coverage.commandsToHeight3)} commands)`,
    );
    const missing = STORE_TYPE_NAMES.filter((n, i) => i > 0 && out.coverage.storeTypes[i] === 0);
    console.log(
      `${"".padEnd(18)} store types: ${out.coverage.storeTypes.slice(1).join(" ")}${missing.length ? `  never: ${missing.join(", ")}` : ""}`,
    );
  }
}

function median(xs: number[]): string {
  if (xs.length === 0) return "-";
  const s = [...xs].sort((a, b) => a - b);
  return String(s[s.length >> 1]);
}
