import type { MaStatus } from "../constants.js";
import type { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";

/** Thrown where the kernel would dereference a NULL mas->node (the 6.12 cursor crashes). */
export class NullNodeError extends Error {
  constructor(where: string) {
    super(`${where}: NULL mas->node dereferenced`);
    this.name = "NullNodeError";
  }
}

/** mas_mn: the state's node; a state without one faults as the kernel does. */
export function masMn(mas: MaState, where: string): MapleNode {
  const n = mas.node;
  if (n === null) throw new NullNodeError(where);
  return n;
}

/** The state's status, read afresh (callees change it behind TypeScript's narrowing). */
export function statusOf(mas: MaState): MaStatus {
  return mas.status;
}
