/**
 * The model against recorded kernel answers: each fixture holds `INPUT => OUTPUT` lines that
 * the kernel oracle (maple-oracle --guard --echo) printed. Lines the oracle refused (`err ub`)
 * are skipped, as are the structural operations the model does not answer.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { initialProtocolState, matchLine, type ProtocolState } from "../../src/model/protocol.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const fixtures = readdirSync(dir).filter((f) => f.endsWith(".oracle"));

function replay(text: string): { compared: number; failures: string[] } {
  let cands: ProtocolState[] = [initialProtocolState()];
  let compared = 0;
  const failures: string[] = [];
  text.split("\n").forEach((raw, n) => {
    if (!raw.trim() || raw.startsWith("#")) return;
    const at = raw.indexOf(" => ");
    const [input, expect] = [raw.slice(0, at), raw.slice(at + 4)];
    if (expect === "err ub") return;
    const r = matchLine(cands, input, expect);
    if (!r) return;
    compared++;
    if (r.next.length) cands = r.next;
    else failures.push(`line ${n + 1}: ${input} => kernel ${expect}, model ${r.model}`);
  });
  return { compared, failures };
}

describe("model against kernel oracle fixtures", () => {
  it("has fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });
  for (const f of fixtures) {
    it(f, () => {
      const { compared, failures } = replay(readFileSync(join(dir, f), "utf8"));
      expect(compared).toBeGreaterThan(30);
      expect(failures).toEqual([]);
    });
  }
  it("notices a wrong answer", () => {
    const { failures } = replay("store 10 20 1 => ok\nload 15 => 2\n");
    expect(failures).toHaveLength(1);
  });
});
