/**
 * The instrumented kernel object hides no node access from the runtime: gcc left no inline
 * string operation (`rep movs`/`rep stos`: a 256-byte node copy done that way would be
 * invisible), every mem* call goes to the word-by-word versions, and the accesses are
 * tsan-instrumented, volatile and atomic ones told apart.
 */
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILD_TIMEOUT, exploreRunner, kernelDir } from "./explore-runner-for-tests.js";

function tool(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

describe.skipIf(kernelDir === undefined)(
  "the instrumented maple_tree.c object (linux 6.12)",
  () => {
    let object: string;
    beforeAll(() => {
      object = exploreRunner().kernelObject;
    }, BUILD_TIMEOUT);

    it("has no rep movs or rep stos left", () => {
      const text = tool("objdump", ["-d", "--no-show-raw-insn", object]);
      expect(text).toMatch(/<mtree_store_range>:/);
      expect(text.match(/\brep[a-z]* +(movs|stos)/g) ?? []).toEqual([]);
    });

    it("calls the word-by-word mem* and never libc's", () => {
      const undefinedSymbols = tool("nm", ["-u", object])
        .split("\n")
        .map((l) => l.trim().split(/\s+/).pop());
      expect(undefinedSymbols).toEqual(
        expect.arrayContaining(["mx_memcpy", "mx_memset", "mx_memmove"]),
      );
      expect(undefinedSymbols).not.toContain("memcpy");
      expect(undefinedSymbols).not.toContain("memset");
      expect(undefinedSymbols).not.toContain("memmove");
    });

    it("is instrumented: plain, READ_ONCE (volatile) and atomic accesses, fences and RCU", () => {
      const undefinedSymbols = tool("nm", ["-u", object]);
      for (const hook of [
        "__tsan_read8",
        "__tsan_write8",
        "__tsan_volatile_read8",
        "__tsan_atomic64_load",
        "__tsan_atomic64_store",
        "mx_fence",
        "mx_call_rcu",
        "mx_rcu_read_lock",
      ])
        expect(undefinedSymbols).toContain(hook);
      // No libtsan, no liburcu: the runtime is the project's.
      expect(undefinedSymbols).not.toMatch(/__tsan_func_entry|urcu_/);
    });
  },
);
