/**
 * One vma-runner process (native/vma-runner/README.md, "Protocol"): lines in, one answer line
 * each. A crash of the kernel code ends the process and surfaces as RunnerCrash.
 */
import { RunnerProcess } from "../runner-process.js";

/**
 * A VMA as the runner prints it: `START-END:FLAGS:PGOFF`, then `:fN` when file N backs it
 * (`:dN`: device N, a close hook) and `:aN` when it has anon_vma N.
 */
export interface Vma {
  start: bigint;
  end: bigint;
  flags: bigint;
  pgoff: bigint;
  /** The file's number; absent for anonymous memory. */
  file?: number;
  /** The file is a device: vm_ops has a close hook. */
  close?: boolean;
  /** The anon_vma's number; absent: none. */
  anon?: number;
}

export class VmaSession {
  private readonly process: RunnerProcess;

  constructor(binary: string) {
    this.process = new RunnerProcess(binary);
  }

  /** Sends one line per request; returns one answer per line. */
  send(...lines: string[]): string[] {
    for (const l of lines)
      if (l.includes("\n")) throw new Error(`a request is one line: ${JSON.stringify(l)}`);
    return this.process.request(lines);
  }

  /** One line, one answer. */
  ask(line: string): string {
    return this.send(line)[0] as string;
  }

  /** Every VMA, in address order. */
  maps(): Vma[] {
    const answer = this.ask("maps");
    return answer === "none" ? [] : answer.split(" ").map(parseVma);
  }

  /** What the runner wrote on stderr (the shim's warnings, sanitizer reports). */
  stderr(): string {
    return this.process.stderr();
  }

  /** False once the process ended (a crash): a new session is needed. */
  get running(): boolean {
    return this.process.running;
  }

  close(): void {
    this.process.close();
  }
}

export function parseVma(text: string): Vma {
  const m =
    /^(0x[0-9a-f]+|0)-(0x[0-9a-f]+):(0x[0-9a-f]+|0):(0x[0-9a-f]+|0)(?::([fd])(\d+))?(?::a(\d+))?$/.exec(
      text,
    );
  if (m === null) throw new Error(`not a VMA: ${JSON.stringify(text)}`);
  const [start, end, flags, pgoff] = m.slice(1, 5).map((h) => BigInt(h));
  const vma: Vma = { start, end, flags, pgoff } as Vma;
  if (m[6] !== undefined) vma.file = Number(m[6]);
  if (m[5] === "d") vma.close = true;
  if (m[7] !== undefined) vma.anon = Number(m[7]);
  return vma;
}
