/**
 * One fast-check command: an operation template that, when run, resolves against the pair's
 * current boundaries and runs as a protocol line on the model and the tree. Its toString is the
 * line it ran (replayable on the kernel oracle), or the template before it ran.
 */
import type fc from "fast-check";
import type { CheckedPair } from "./checked-pair.js";
import { type OpTemplate, resolveLine, showTemplate } from "./op-template.js";

/** The pair holds model and tree together; fast-check's model slot stays empty. */
export type NoModel = Record<string, never>;

export class ProtocolCommand implements fc.Command<NoModel, CheckedPair> {
  private line: string | undefined;

  constructor(readonly template: OpTemplate) {}

  check(): boolean {
    return true;
  }

  run(_model: NoModel, pair: CheckedPair): void {
    this.line = resolveLine(this.template, pair.boundaries());
    pair.run(this.line);
  }

  toString(): string {
    return this.line ?? showTemplate(this.template);
  }
}
