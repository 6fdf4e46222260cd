/**
 * Where mas_next_slot and mas_prev_slot walk again when they meet a dead node. 6.12 walks to
 * the boundary the step started from (the save point: the current range's last going forward,
 * its first going back) and steps over the slot it lands in. With the proposed fix
 * (FAULTS.fixRestartStepFromOperationStart) they walk to where the operation started (the
 * cursor's index, before any setup walk moved it to a range's first index in a tree that may be
 * gone by now), so the whole step is redone on the new tree; a find walks to the index it
 * searched from, and the slot it lands in answers first when it holds an entry.
 */
import { MaStatus } from "../constants.js";
import type { MaybeEntry } from "../entry.js";
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import { readSlot } from "../node-access.js";
import type { Index } from "../u64.js";
import { masMn, statusOf } from "./cursor-node.js";
import { asEntry, masRewalk, masRewalkIfDead } from "./walk.js";

/** The landing slot met a dead node in turn: the caller goes round its retry loop again. */
export const RESTART_AGAIN: unique symbol = Symbol("restart again");

/**
 * Where the operation started: the cursor's index before the setup walked (mas_next, mas_prev
 * and the range variants step from the range holding it), or a find's search index, whose
 * landing slot answers first (`find`).
 */
export interface RestartFrom {
  index: Index;
  find: boolean;
}

export interface RestartPlan {
  /** mas_rewalk_if_dead at the plan's point. */
  ifDead(node: MapleNode): boolean;
  /** mas_rewalk at the plan's point (mas_next_node / mas_prev_node met a dead node). */
  rewalk(): void;
  /** A fixed find has just walked again: its landing slot must be looked at first. */
  landed(): boolean;
  /** The landing slot's answer, undefined to step on as usual, or RESTART_AGAIN. */
  landingEntry(empty: boolean): MaybeEntry | undefined | typeof RESTART_AGAIN;
}

export function restartPlan(
  mas: MaState,
  from: RestartFrom | undefined,
  savePoint: Index,
): RestartPlan {
  const fixed = mas.tree.hasFault(FAULTS.fixRestartStepFromOperationStart);
  const point = fixed ? (from?.index ?? mas.index) : savePoint;
  const answersLanding = fixed && from?.find === true;
  let landed = false;
  const plan: RestartPlan = {
    ifDead(node) {
      if (!masRewalkIfDead(mas, node, point)) return false;
      landed = answersLanding;
      return true;
    },
    rewalk() {
      masRewalk(mas, point);
      landed = answersLanding;
    },
    landed: () => landed,
    landingEntry(empty) {
      landed = false;
      if (statusOf(mas) !== MaStatus.active) return undefined;
      const node = masMn(mas, "mas_rewalk");
      const entry = asEntry(readSlot(mas.tree.mem, node, mas.offset));
      if (plan.ifDead(node)) return RESTART_AGAIN;
      return entry !== null || empty ? entry : undefined;
    },
  };
  return plan;
}
