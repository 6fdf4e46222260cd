/**
 * The kernel's own maple tree as a backend: a runner built from the user's Linux tree
 * (build.ts), kept running across sessions (each session starts with `init`), restarted
 * after the kernel code crashes. Every command goes out with `.check` in the same request:
 * the tree's height, the kernel's mt_validate and a digest of its ranges come back with the
 * answer, so a checked command costs one round trip.
 */
import type { Index } from "../../impl/u64.js";
import type { Span } from "../../model/range-map.js";
import { isCursorOp } from "../../trace/ops.js";
import type { RangeEntry } from "../../trace/results.js";
import {
  REFUSED,
  type SessionOptions,
  type TreeBackend,
  type TreeCheck,
  TreeCrash,
  type TreeSession,
} from "../backend.js";
import type { RunnerBuild } from "./build.js";
import { openKernelTree } from "./kernel-tree.js";
import { lazyRunnerBuild } from "./lazy-runner-build.js";
import { isProposedFix, proposedFixTree } from "./proposed-fix.js";
import { spansDigest } from "./ranges-hash.js";
import { RunnerCrash, RunnerProcess } from "./runner-process.js";

/**
 * An operation of the kernel code that runs longer is a hang (a finding). Operations take
 * microseconds; the bound is kept short because shrinking a hang meets it many times.
 */
const OPERATION_TIMEOUT_MS = 1000;

/**
 * The model's cursor is 6.12's: a status field (ma_active, ma_overflow, ma_underflow, ...)
 * that 6.8 introduced. Older kernels keep the state in mas->node and answer differently at
 * the limits, so their cursor operations are not applicable; the whole-tree API is checked.
 */
export function hasCursorStatus(k: { major: number; minor: number }): boolean {
  return k.major > 6 || (k.major === 6 && k.minor >= 8);
}

export class KernelBackend implements TreeBackend {
  readonly name = "kernel";
  readonly description: string;
  private process: RunnerProcess | undefined;
  private caps: Set<string> | undefined;
  /** What else this backend's runs started (the mm level's vma-runner), ended by close(). */
  private readonly closers: (() => void)[] = [];
  /** The backends of proposed fixes (patched copies of this tree), or why one cannot run. */
  private readonly fixed = new Map<string, KernelBackend | string>();

  /** `fix`: the proposed fix (proposed-fix.ts) this backend's tree was patched with. */
  constructor(
    readonly build: RunnerBuild,
    readonly fix?: string,
  ) {
    this.description = `linux ${build.kernelVersion} (${build.kernel.mapleTreeFile})${fix !== undefined ? ` with ${fix}` : ""}`;
  }

  notApplicable(tree: { geometry: string; faults: readonly string[] }): string | undefined {
    if (tree.geometry !== "kernel")
      return `the C tree has only the kernel's node geometry, not "${tree.geometry}"`;
    if (tree.faults.length === 0) return undefined;
    const on = this.withFix(tree.faults);
    return typeof on === "string" ? on : undefined;
  }

  /** The backend a spec runs on: its proposed fix's patched copy of this tree, else this one. */
  forTree(tree: { faults: readonly string[] }): KernelBackend {
    if (tree.faults.length === 0) return this;
    const on = this.withFix(tree.faults);
    return typeof on === "string" ? this : on;
  }

  /** The backend of the faults, when they are one proposed fix, or why they cannot run. */
  private withFix(faults: readonly string[]): KernelBackend | string {
    if (!faults.every(isProposedFix))
      return "faults are switches of the TypeScript tree (the C tree takes patches: faults --kernel)";
    if (faults.length > 1) return "the C tree takes one proposed fix at a time";
    const fix = faults[0] as string;
    if (fix === this.fix) return this;
    if (this.fix !== undefined) return `this C tree is patched with ${this.fix}, not ${fix}`;
    let on = this.fixed.get(fix);
    if (on === undefined) {
      const own = openKernelTree(this.build.kernel.dir).mapleTreeFile;
      const copy =
        own === this.build.kernel.mapleTreeFile
          ? proposedFixTree(this.build.kernel.dir, fix)
          : {
              reason: `${fix} patches the tree's own ${own}, not ${this.build.kernel.mapleTreeFile}`,
            };
      on = typeof copy === "string" ? new KernelBackend(lazyRunnerBuild(copy), fix) : copy.reason;
      this.fixed.set(fix, on);
    }
    return on;
  }

  supports(name: string): boolean {
    if (isCursorOp(name) && !hasCursorStatus(this.build.kernel)) return false;
    if (this.caps === undefined) {
      const [line] = this.runner().request([".caps"]);
      this.caps = new Set(line.split(" "));
    }
    return this.caps.has(name);
  }

  /** The running runner, started on first use and after a crash. */
  runner(): RunnerProcess {
    if (this.process === undefined || !this.process.running)
      this.process = new RunnerProcess(this.build.binary, {
        args: ["--guard", "--timeout-ms", String(OPERATION_TIMEOUT_MS)],
      });
    return this.process;
  }

  open(_options: SessionOptions): TreeSession {
    return new KernelSession(this);
  }

  /** Ends `close` with this backend. */
  onClose(close: () => void): void {
    this.closers.push(close);
  }

  close(): void {
    this.process?.close();
    this.process = undefined;
    for (const c of this.closers.splice(0)) c();
    for (const b of this.fixed.values()) if (typeof b !== "string") b.close();
    this.fixed.clear();
  }
}

class KernelSession implements TreeSession {
  private check: TreeCheck | undefined;

  constructor(private readonly backend: KernelBackend) {}

  run(_line: unknown, text: string, check: boolean): string {
    this.check = undefined;
    try {
      const runner = this.backend.runner();
      if (!check) return runner.request([text])[0];
      const [answer, state] = runner.request([text, ".check"]);
      if (answer === REFUSED) return answer;
      this.check = parseCheck(state, runner);
      return answer;
    } catch (e) {
      if (e instanceof RunnerCrash) throw new TreeCrash(`kernel crash: ${e.reason}`, e.report);
      throw e;
    }
  }

  lastCheck(): TreeCheck {
    if (this.check === undefined) throw new Error("no .check since the last command");
    return this.check;
  }

  leaves(): Array<readonly [Index, Index]> {
    const [line] = this.backend.runner().request([".leaves"]);
    if (line === "none") return [];
    return line.split(" ").map((pair) => {
      const [min, max] = pair.split("-");
      return [BigInt(min), BigInt(max)] as const;
    });
  }
}

/** `.check`: HEIGHT COUNT FIRST NRANGES HASH */
function parseCheck(line: string, runner: { request(l: string[]): string[] }): TreeCheck {
  const f = line.split(" ");
  if (f.length !== 5) throw new Error(`the runner's .check said "${line}"`);
  const count = Number(f[3]);
  const hash = Number(f[4]);
  const violations = Number(f[1]);
  let ranges: RangeEntry[] | undefined;
  return {
    height: Number(f[0]),
    validation: () => ({
      count: violations,
      ...(violations > 0 && { first: `mt_validate: ${f[2]}`, key: f[2] }),
    }),
    sameRanges(spans: readonly Span[]): boolean {
      const d = spansDigest(spans);
      return d.count === count && d.hash === hash;
    },
    ranges(): RangeEntry[] {
      ranges ??= parseRanges(runner.request(["ranges"])[0]);
      return ranges;
    },
  };
}

/** `ranges`: `[FIRST,LAST]=VALUE|null ...` */
export function parseRanges(line: string): RangeEntry[] {
  const out: RangeEntry[] = [];
  for (const m of line.matchAll(/\[(\d+),(\d+)\]=(\S+)/g))
    out.push({
      index: BigInt(m[1]),
      last: BigInt(m[2]),
      entry: m[3] === "null" ? null : BigInt(m[3]),
    });
  return out;
}
