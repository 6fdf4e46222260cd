/**
 * streamTrace prints, byte for byte, what runTrace prints for the whole text, however the input
 * is cut into chunks (inside a line, inside a UTF-8 character), and prints as it reads.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTrace, type TraceOptions } from "../../src/trace/run-trace.js";
import { streamTrace } from "../../src/trace/stream-trace.js";

const dir = join(import.meta.dirname, "fixtures");
const read = (name: string) => readFileSync(join(dir, name));

async function* chunks(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function streamed(bytes: Buffer, size: number, options: TraceOptions = {}) {
  let out = "";
  const run = await streamTrace(
    chunks(bytes, size),
    async (t) => {
      out += t;
    },
    options,
  );
  return { out, run };
}

describe("streamTrace", () => {
  it.each([
    ["parsing", {}],
    ["parsing", { echo: true }],
    ["crlf", {}],
    ["corrupt", {}],
    ["guard", { guard: true }],
    ["fuzz-cursor", { guard: true }],
    ["crash", {}],
  ])(
    "%s %o: the same bytes as runTrace, for chunks of 1, 7 and 4096 bytes",
    async (name, options) => {
      const bytes = read(`${name}.trace`);
      const whole = runTrace(bytes.toString("utf8"), options);
      for (const size of [1, 7, 4096]) {
        const { out, run } = await streamed(bytes, size, options);
        expect(out).toBe(whole.output);
        expect(run.ops).toBe(whole.ops);
        expect(run.crash?.line.lineNo).toBe(whole.crash?.line.lineNo);
      }
    },
  );

  it("a last line without `\\n`, blank lines, and a UTF-8 character cut between chunks", async () => {
    const bytes = Buffer.from("store 1 1 7\n\n# é\nbogus é\nload 1", "utf8");
    const whole = runTrace(bytes.toString("utf8"), { echo: true });
    expect(whole.output).toBe("store 1 1 7 => ok\nbogus é => err unknown-op\nload 1 => 7\n");
    for (const size of [1, 2, 3])
      expect((await streamed(bytes, size, { echo: true })).out).toBe(whole.output);
  });

  it("writes results before the input ends, and stops reading at a crash", async () => {
    const lines = 50_000;
    let readAll = false;
    let writtenBeforeEnd = 0;
    async function* input() {
      for (let i = 0; i < lines; i += 1000) yield "load 1\n".repeat(1000);
      readAll = true;
    }
    await streamTrace(input(), async (t) => {
      if (!readAll) writtenBeforeEnd += t.length;
    });
    // Most of the 50000 `null\n` lines were handed on while the input was still being read.
    expect(writtenBeforeEnd).toBeGreaterThan(("null\n".length * lines) / 2);

    let pulled = 0;
    async function* crashing() {
      for (const l of ["store 10 19 1\n", "mset 10\n", "mnext 5\n", "mfindr 0\n", "load 1\n"]) {
        pulled++;
        yield l;
      }
    }
    const run = await streamTrace(crashing(), async () => {});
    expect(run.crash?.line.text).toBe("mfindr 0");
    expect(pulled).toBe(4);
  });
});
