import { readFileSync, writeFileSync } from "node:fs";
import { it } from "vitest";
import { replay } from "./replay.js";
it("gap crash", () => {
  const ts = readFileSync("/tmp/read-fz/gapcrash.traces", "utf8").split("\n=====\n");
  const os = readFileSync("/tmp/read-fz/gapcrash.outs", "utf8").split("\n=====\n");
  let crashBoth = 0, crashOnlyKernel = 0, mism = 0, ok = 0;
  ts.forEach((t, i) => {
    writeFileSync("/tmp/read-fz/gc.cur", String(i));
    let o = os[i] as string;
    const lines = o.trimEnd().split("\n");
    const kcrash = lines.at(-1) === "crash";
    if (kcrash) lines[lines.length - 1] = "CRASH";
    const ops = t.split("\n").slice(0, lines.length);
    const r = replay(ops.join("\n") + "\n", lines.join("\n") + "\n", true);
    const last = r.mismatches.find((m) => m.expected === "CRASH");
    if (kcrash) {
      if (last && last.actual.startsWith("threw")) crashBoth++;
      else { crashOnlyKernel++; console.log("kernel crash, ours:", JSON.stringify(r.mismatches), ops.slice(-4).join(" | ")); }
    } else if (r.mismatches.length) { mism++; console.log("mismatch", JSON.stringify(r.mismatches), ops.slice(-4).join(" | ")); }
    else ok++;
  });
  console.log({ crashBoth, crashOnlyKernel, mism, ok });
});
