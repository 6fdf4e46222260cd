/**
 * Collects what mt_validate reports. Each kernel check that fires (an MT_BUG_ON or
 * MAS_WARN_ON inside mt_validate) becomes one violation, in the kernel's order, so the count
 * and the first one compare directly with the oracle's `invalid N first=KIND:func:line`.
 */
import type { MapleNode } from "../node.js";
import type { Violation } from "./violation.js";

/**
 * A violation with the kernel's report kind and source line (lib/maple_tree.c, 6.12).
 * kind EXTRA marks maple-check's own checks, which the kernel does not make (line 0).
 */
export interface KernelViolation extends Violation {
  kind: "BUG" | "WARN" | "EXTRA";
  line: number;
}

export class ViolationReport {
  readonly list: KernelViolation[] = [];

  /** MT_BUG_ON(tree, cond): records when cond holds; returns cond. */
  bug(check: string, line: number, cond: boolean, detail: () => string): boolean {
    if (cond) this.list.push({ check, kind: "BUG", line, detail: detail() });
    return cond;
  }

  /** MAS_WARN_ON(mas, cond) */
  warn(check: string, line: number, cond: boolean, detail: () => string): boolean {
    if (cond) this.list.push({ check, kind: "WARN", line, detail: detail() });
    return cond;
  }

  extra(check: string, detail: string): void {
    this.list.push({ check, kind: "EXTRA", line: 0, detail });
  }
}

/** How a node is named in details. */
export function nodeName(n: MapleNode | null): string {
  return n === null ? "NULL" : `node #${n.id}`;
}

/** The kernel's first=KIND:func:line form of a violation. */
export function violationKey(v: KernelViolation): string {
  return `${v.kind}:${v.check}:${v.line}`;
}
