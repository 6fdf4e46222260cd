import { readFileSync } from "node:fs";
import { it } from "vitest";
import { replay } from "./replay.js";
it("fuzz", () => {
  let total = 0;
  for (let s = 200; s <= 260; s++) {
    const r = replay(readFileSync(`/tmp/read-fz/t${s}.trace`, "utf8"), readFileSync(`/tmp/read-fz/t${s}.out`, "utf8"), true);
    total += r.compared;
    if (r.mismatches.length) console.log(s, r.mismatches.length, JSON.stringify(r.mismatches.slice(0, 2)).slice(0, 700));
  }
  console.log("compared", total);
});
