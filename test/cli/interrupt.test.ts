/**
 * Ctrl-C (SIGINT) or SIGTERM in the middle of `maple-check run`, with the progress bar drawn
 * (forced on a pipe by MAPLE_CHECK_PROGRESS=force): the terminal is put back (cursor shown,
 * line wrap on), one line says which spec was interrupted, and the exit code is 130 or 143.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtCli, ROOT, removeBuiltCli } from "./built-cli.js";
import { specDir } from "./run/helpers.js";

const HIDE_CURSOR = "\x1b[?25l";
const SHOW_CURSOR = "\x1b[?25h";
const WRAP_OFF = "\x1b[?7l";
const WRAP_ON = "\x1b[?7h";

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Runs the built CLI; sends `signal` once the bar has hidden the cursor (if given). */
function runCli(args: string[], signal?: NodeJS.Signals): Promise<Ended> {
  const child = spawn(process.execPath, [builtCli(), ...args], {
    env: { ...process.env, MAPLE_CHECK_PROGRESS: "force" },
  });
  let out = "";
  let err = "";
  let sent = false;
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    err += d;
    if (signal !== undefined && !sent && err.includes(HIDE_CURSOR)) {
      sent = true;
      // Let it get into a spec's synchronous run first.
      setTimeout(() => child.kill(signal), 300);
    }
  });
  return new Promise((resolve) =>
    child.on("close", (code, sig) => resolve({ code, signal: sig, out, err })),
  );
}

/** After the last time the bar turned a setting off, it was turned back on. */
function restoredAfter(err: string, off: string, on: string): boolean {
  return err.lastIndexOf(off) >= 0 && err.lastIndexOf(on) > err.lastIndexOf(off);
}

beforeAll(() => {
  builtCli();
}, 120_000);
afterAll(removeBuiltCli);

describe("maple-check run interrupted", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "%s: terminal restored, one line, exit %i",
    { timeout: 120_000 },
    async (signal, code) => {
      const r = await runCli(["run", "--specs", join(ROOT, "specs"), "--no-traces"], signal);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(code);
      expect(restoredAfter(r.err, HIDE_CURSOR, SHOW_CURSOR)).toBe(true);
      expect(restoredAfter(r.err, WRAP_OFF, WRAP_ON)).toBe(true);
      const last = r.err.slice(r.err.lastIndexOf(WRAP_ON) + WRAP_ON.length);
      expect(last).toMatch(
        new RegExp(
          `^maple-check: interrupted by ${signal} during spec [\\w-]+ \\(\\d+ of \\d+\\); no summary or report was written\\n$`,
        ),
      );
      expect(r.out).toBe("");
    },
  );

  it("a run that ends by itself keeps its exit code and stops its bar", {
    timeout: 120_000,
  }, async () => {
    const r = await runCli(["run", "--specs", specDir(["explore-guard-gap-rcu-on"]), "--no-times"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("1 spec");
    expect(restoredAfter(r.err, HIDE_CURSOR, SHOW_CURSOR)).toBe(true);
    expect(restoredAfter(r.err, WRAP_OFF, WRAP_ON)).toBe(true);
    expect(r.err).not.toContain("interrupted");
  });
});
