/**
 * The kernel's own mm/vma.c as the mm level's backend (MmBackend): one mm in vma-runner, each
 * mm command sent as what 6.12's callers of vma.c do (native/vma-runner/README.md, "The mm
 * commands"). The argument checks of the system calls (mm/mmap.c's do_mmap and
 * do_vmi_munmap's TASK_SIZE, mprotect's empty range) are made here against the spec's
 * TASK_SIZE, which is not the shim's; everything that touches the tree runs in C.
 *
 * brk, stack growth, fork and exit live in mm/mmap.c and kernel/fork.c, not in vma.c, and
 * the runner holds one mm: a spec that needs them is not applicable here (vmaNotApplicable).
 */
import { mmArbitraries } from "../../../checker/mm/mm-arbitraries.js";
import type { MmBackend, MmRunResult, VmaFacts } from "../../../checker/mm/mm-backend.js";
import { hexAddr, type MmCommand, PAGE_SHIFT } from "../../../checker/mm/mm-command.js";
import type { MmSequentialSpec } from "../../../checker/mm/mm-spec.js";
import { vmaLine } from "../../../checker/mm/vma-text.js";
import { VM_ACCOUNT, VM_GROWSDOWN, VM_GROWSUP, VM_WRITE } from "../../../mm/vm-flags.js";
import type { SpaceConfig } from "../../../model/address-space/index.js";
import { RunnerCrash } from "../runner-process.js";
import { parseVma, type Vma, VmaSession } from "./vma-session.js";

/** The mm commands this backend does not have, and where the kernel keeps them. */
export const VMA_NOT_APPLICABLE_OPS: Readonly<Record<string, string>> = {
  brk: "mm/mmap.c",
  expand_downwards: "mm/mmap.c",
  expand_upwards: "mm/mmap.c",
  fork: "kernel/fork.c",
  exit: "mm/mmap.c",
};

/** The largest file number the runner has a struct file for (MC_FILES). */
const MAX_FILE = 64;

/**
 * Why an mm-sequential spec cannot run on mm/vma.c, or undefined: more than one process slot,
 * mm-layer faults (switches of the TypeScript layer), or commands vma.c does not do, in the
 * mix (an op the mix does not set to 0 has a default weight) or in the prefix.
 */
export function vmaNotApplicable(mm: MmSequentialSpec): string | undefined {
  const needs: string[] = [];
  if (mm.mms !== 1) needs.push(`${mm.mms} process slots (the runner holds one mm)`);
  if (mm.faults.length > 0)
    needs.push("mm-layer faults (switches of the TypeScript layer; vma.c takes patches)");
  const weights = mmArbitraries(mm);
  const used = Object.keys(VMA_NOT_APPLICABLE_OPS).filter(
    (op) =>
      (mm.mix[op as keyof typeof mm.mix] ?? weights[op]?.weight ?? 0) > 0 ||
      mm.prefix.some((l) => l.trim().split(/\s+/)[0] === op),
  );
  if (used.length > 0)
    needs.push(
      `${used.join(", ")} (${[...new Set(used.map((op) => VMA_NOT_APPLICABLE_OPS[op]))].join(", ")}, not mm/vma.c)`,
    );
  return needs.length === 0
    ? undefined
    : `mm/vma.c's runner cannot run it: needs ${needs.join("; ")}`;
}

const bytes = (page: number): string => hexAddr(page);

function facts(v: Vma): VmaFacts {
  return {
    vmStart: Number(v.start >> PAGE_SHIFT),
    vmEnd: Number(v.end >> PAGE_SHIFT),
    vmFlags: Number(v.flags),
    vmFile: v.file ?? null,
    vmPgoff: Number(v.pgoff),
    vmCloseHook: v.close === true,
    anonVma: v.anon ?? null,
  };
}

/** `err ENOMEM` -> `-ENOMEM`; anything else unexpected is the runner's error. */
function errno(answer: string): string {
  const m = /^err (E[A-Z?]+)$/.exec(answer);
  if (m === null) throw new Error(`vma-runner answered "${answer}"`);
  return `-${m[1]}`;
}

function lineOf(answer: string): string {
  return answer === "none" ? "null" : vmaLine(facts(parseVma(answer)));
}

/** One vma-runner process shared by the runs of a job, restarted after a crash. */
export class VmaRunner {
  private current: VmaSession | undefined;
  constructor(readonly binary: string) {}

  session(): VmaSession {
    if (this.current === undefined || !this.current.running)
      this.current = new VmaSession(this.binary);
    return this.current;
  }

  close(): void {
    this.current?.close();
    this.current = undefined;
  }
}

export class VmaMmBackend implements MmBackend {
  readonly name = "vma";
  readonly description: string;
  private readonly s: VmaSession;
  /** How much of the runner's stderr was read: a new kernel warning is a finding. */
  private seen: number;

  constructor(
    runner: VmaRunner,
    private readonly config: SpaceConfig,
  ) {
    this.s = runner.session();
    this.description = "the kernel's mm/vma.c";
    this.ask(["mm_init"]);
    this.seen = this.s.stderr().length;
  }

  run(c: MmCommand, failAt: number | undefined): MmRunResult {
    const task = this.config.taskPages;
    const call = (line: string): MmRunResult => {
      if (failAt === undefined) return { answer: this.ask([line])[0], allocFailed: false };
      const [, answer, hit] = this.ask([`failalloc ${failAt}`, line, "failalloc 0"]);
      const gaveUp = answer === "err ENOMEM";
      return {
        answer,
        allocFailed: hit === "ok hit" && gaveUp,
        allocSurvived: hit === "ok hit" && !gaveUp,
      };
    };
    const ok = (r: MmRunResult, good: string): MmRunResult => ({
      ...r,
      answer: r.answer === "ok" ? good : errno(r.answer),
    });
    const plain = (answer: string): MmRunResult => ({ answer, allocFailed: false });
    switch (c.op) {
      case "mmap": {
        // do_mmap's checks, then the address: the hint's search runs in the runner.
        const len = c.end - c.start;
        if (len <= 0) return plain("-EINVAL");
        if (len > task) return plain("-ENOMEM");
        let addr = c.start;
        if (c.mode === "hint") {
          const [a] = this.ask([
            `unmapped_area ${bytes(len)} ${bytes(c.start)} ${bytes(task)} ${bytes(this.config.guardPages)}`,
          ]);
          if (!a.startsWith("ok ")) return plain(errno(a));
          addr = Number(BigInt(a.slice(3)) >> PAGE_SHIFT);
        } else if (c.start > task - len) return plain("-ENOMEM");
        let flags = c.prot;
        if (c.grows === "down") flags |= VM_GROWSDOWN;
        if (c.grows === "up") flags |= VM_GROWSUP;
        if (flags & VM_WRITE) flags |= VM_ACCOUNT;
        const file = c.file?.file ?? 0;
        if (file > MAX_FILE) throw new Error(`file${file}: the runner has files 1..${MAX_FILE}`);
        const pgoff = c.file === null ? addr : c.file.pgoff;
        const noreplace = c.mode === "noreplace" ? 1 : 0;
        const dev = c.file?.close ? " 1" : "";
        return ok(
          call(
            `mmap ${bytes(addr)} ${bytes(addr + len)} 0x${flags.toString(16)} 0x${pgoff.toString(16)} ${file} ${noreplace}${dev}`,
          ),
          hexAddr(addr),
        );
      }
      case "munmap": {
        const len = c.end - c.start;
        if (c.start > task || len > task - c.start || len <= 0) return plain("-EINVAL");
        return ok(call(`munmap ${bytes(c.start)} ${bytes(c.end)}`), "0");
      }
      case "mprotect":
        if (c.end === c.start) return plain("0");
        return ok(call(`mprotect ${bytes(c.start)} ${bytes(c.end)} ${c.prot}`), "0");
      case "find_vma":
        return plain(lineOf(this.ask([`find_vma ${bytes(c.addr)}`])[0]));
      case "find_vma_prev": {
        const [vma, prev] = this.ask([`find_vma_prev ${bytes(c.addr)}`])[0].split(" prev ");
        return plain(`${lineOf(vma)} / ${lineOf(prev)}`);
      }
      case "lock_vma_under_rcu":
        return plain(lineOf(this.ask([`vma_lookup ${bytes(c.addr)}`])[0]));
      case "fault":
        return ok(plain(this.ask([`fault ${bytes(c.addr)}`])[0]), "0");
      case "maps":
        return plain(this.maps(c.mm).map(vmaLine).join(", "));
      default:
        throw new Error(`${c.op} is not applicable on mm/vma.c`);
    }
  }

  maps(_mm: number): readonly VmaFacts[] {
    const answer = this.ask(["maps"])[0];
    return answer === "none" ? [] : answer.split(" ").map((t) => facts(parseVma(t)));
  }

  brk(): undefined {
    return undefined;
  }

  validate(_mm: number): string | undefined {
    const answer = this.ask(["validate"])[0];
    const err = this.s.stderr();
    const fresh = err.slice(this.seen);
    this.seen = err.length;
    const warning = /assertion failed at [^\n]*/.exec(fresh);
    if (warning !== null) return `mm/vma.c warned: ${warning[0]}`;
    return answer === "valid" ? undefined : `vma-runner validate: ${answer}`;
  }

  private ask(lines: string[]): string[] {
    try {
      return this.s.send(...lines);
    } catch (e) {
      if (e instanceof RunnerCrash) throw new Error(`kernel crash: ${e.reason}`);
      throw e;
    }
  }
}
