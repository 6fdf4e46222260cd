/**
 * One fast-check command: an operation template that, when run, resolves against the pair's
 * current boundaries and runs as a protocol line on the model and the tree (a bulk fill runs
 * as its store lines). Its toString is the lines it ran (replayable on the kernel oracle), or
 * the template before it ran.
 */
import type fc from "fast-check";
import type { Index } from "../../impl/u64.js";
import { type FillTemplate, fillStores, showFill } from "./bulk-fill.js";
import type { CheckedPair } from "./checked-pair.js";
import { lineText, type OpTemplate, resolveArgs, showTemplate } from "./op-template.js";

/** The pair holds model and tree together; fast-check's model slot stays empty. */
export type NoModel = Record<string, never>;

export type CommandTemplate = OpTemplate | FillTemplate;

export class ProtocolCommand implements fc.Command<NoModel, CheckedPair> {
  /** The arguments of each line it ran (printed only when the lines are asked for). */
  private ran: Array<Array<Index | null>> | undefined;

  constructor(readonly template: CommandTemplate) {}

  check(): boolean {
    return true;
  }

  run(_model: NoModel, pair: CheckedPair): void {
    const t = this.template;
    if (t.name === "fill") {
      const ran: Array<Array<Index | null>> = [];
      this.ran = ran;
      pair.runBulk(fillStores(t as FillTemplate, pair.boundaries()), (args) => ran.push(args));
      return;
    }
    const args = resolveArgs(t as OpTemplate, pair.boundaries());
    this.ran = [args];
    pair.runArgs(t.name, args);
  }

  /** The protocol lines it ran, in order (none before it ran). */
  lines(): string[] {
    const name = this.template.name === "fill" ? "store" : this.template.name;
    return (this.ran ?? []).map((args) => lineText(name, args));
  }

  toString(): string {
    if (this.ran !== undefined) return this.lines().join("\n");
    const t = this.template;
    return t.name === "fill" ? showFill(t as FillTemplate) : showTemplate(t as OpTemplate);
  }
}
