/**
 * One fast-check command: an operation template that, when run, resolves against the pair's
 * current boundaries and runs as a protocol line on the model and the tree. Its toString is the
 * line it ran (replayable on the kernel oracle), or the template before it ran.
 */
import type fc from "fast-check";
import type { Index } from "../../impl/u64.js";
import type { CheckedPair } from "./checked-pair.js";
import { lineText, type OpTemplate, resolveArgs, showTemplate } from "./op-template.js";

/** The pair holds model and tree together; fast-check's model slot stays empty. */
export type NoModel = Record<string, never>;

export class ProtocolCommand implements fc.Command<NoModel, CheckedPair> {
  /** The arguments of the line it ran (printed only when the line is asked for). */
  private args: Array<Index | null> | undefined;

  constructor(readonly template: OpTemplate) {}

  check(): boolean {
    return true;
  }

  run(_model: NoModel, pair: CheckedPair): void {
    this.args = resolveArgs(this.template, pair.boundaries());
    pair.runArgs(this.template.name, this.args);
  }

  toString(): string {
    return this.args === undefined
      ? showTemplate(this.template)
      : lineText(this.template.name, this.args);
  }
}
