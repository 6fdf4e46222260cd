/** Backward iteration: mas_prev_node, mas_prev_slot and the mas_prev / mas_prev_range entry points. */
import { MaStatus } from "../constants.js";
import type { MaybeEntry } from "../entry.js";
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import {
  dataEnd,
  isDeadNode,
  isRootNode,
  masAscend,
  masDataEnd,
  readPivot,
  readRoot,
  readSlot,
  safeMin,
} from "../node-access.js";
import { type Index, inc64, sub64 } from "../u64.js";
import { masMn, statusOf } from "./cursor-node.js";
import { RESTART_AGAIN, type RestartFrom, restartPlan } from "./restart-plan.js";
import { asChild, asEntry, masWalkImpl } from "./walk.js";

/**
 * mas_prev_node: move to the previous node at the same level, its last slot in mas.offset.
 * Sets underflow when there is none at or above min. Returns true on a dead node.
 */
export function masPrevNode(mas: MaState, min: Index): boolean {
  const mem = mas.tree.mem;
  // With the fault, the node is used without checking that it is still live.
  const skip = mas.tree.hasFault(FAULTS.skipDeadCheckPrevNode);
  const isDead = (n: MapleNode): boolean => !skip && isDeadNode(mem, n);
  let node = masMn(mas, "mas_prev_node");
  const noEntry = (): boolean => {
    if (isDead(node)) return true;
    mas.status = MaStatus.underflow;
    return false;
  };
  if (mas.min === 0n) return noEntry();
  const max = sub64(mas.min, 1n);
  if (max < min) return noEntry();
  let level = 0;
  let offset: number;
  do {
    if (isRootNode(mem, node)) return noEntry();
    if (masAscend(mas)) return true;
    offset = mas.offset;
    level++;
    node = masMn(mas, "mas_prev_node");
  } while (!offset);

  offset--;
  while (level > 1) {
    level--;
    const w = readSlot(mem, node, offset);
    if (isDead(node)) return true;
    node = asChild(w, "mas_prev_node");
    mas.node = node;
    offset = dataEnd(mem, node, max);
    if (isDead(node)) return true;
  }
  const w = readSlot(mem, node, offset);
  if (isDead(node)) return true;
  const child = asChild(w, "mas_prev_node");
  mas.node = child;
  if (offset) mas.min = inc64(readPivot(mem, node, offset - 1));
  mas.max = max;
  mas.offset = masDataEnd(mas);
  if (isDead(child)) return true;
  mas.end = mas.offset;
  return false;
}

/** The status a prev that found nothing leaves; the historic fault paused the cursor. */
function prevExhausted(mas: MaState): MaStatus {
  return mas.tree.hasFault(FAULTS.prevExhaustedSetsPauseNotNone)
    ? MaStatus.pause
    : MaStatus.underflow;
}

/**
 * mas_prev_slot: the entry in the slot before mas.index (skipping NULLs unless `empty`),
 * moving to the previous leaf when needed; underflow below min. Restarts on dead nodes.
 */
export function masPrevSlot(
  mas: MaState,
  min: Index,
  empty: boolean,
  from?: RestartFrom,
): MaybeEntry {
  const mem = mas.tree.mem;
  const restart = restartPlan(mas, from, mas.index);
  retry: for (;;) {
    if (restart.landed()) {
      const found = restart.landingEntry(empty);
      if (found === RESTART_AGAIN) continue;
      if (found !== undefined) return found;
    }
    let node: MapleNode = masMn(mas, "mas_prev_slot");
    if (restart.ifDead(node)) continue;
    if (mas.min <= min) {
      const pivot = safeMin(mas, node, mas.offset);
      if (restart.ifDead(node)) continue;
      if (pivot <= min) {
        mas.status = prevExhausted(mas);
        return null;
      }
    }
    for (;;) {
      if (mas.offset) {
        mas.offset--;
        mas.last = sub64(mas.index, 1n);
        mas.index = safeMin(mas, node, mas.offset);
      } else {
        if (mas.index <= min) {
          mas.status = prevExhausted(mas);
          return null;
        }
        if (masPrevNode(mas, min)) {
          restart.rewalk();
          continue retry;
        }
        // The kernel warns here (WARN_ON_ONCE) and returns NULL.
        if (statusOf(mas) === MaStatus.underflow) return null;
        mas.last = mas.max;
        node = masMn(mas, "mas_prev_slot");
        // The kernel reads pivots[offset - 1]. With its node sizes offset 0 here means a dead
        // node (a reader racing a writer: the read goes wrong, as in C); SMALL_GEOMETRY (one
        // slot minimum) also leaves live non-root leaves with one range, which starts at min.
        mas.index =
          mas.offset === 0 && node.layout.minSlots <= 1
            ? mas.min
            : inc64(readPivot(mem, node, mas.offset - 1));
      }
      const entry = asEntry(readSlot(mem, node, mas.offset));
      if (restart.ifDead(node)) continue retry;
      if (entry !== null) return entry;
      if (empty) return entry;
      if (mas.index <= min) {
        mas.status = prevExhausted(mas);
        return null;
      }
    }
  }
}

/** mas_prev_setup: the status machine in front of mas_prev; returns the answer when done. */
export function masPrevSetup(mas: MaState, min: Index): { done: boolean; entry: MaybeEntry } {
  let entry: MaybeEntry = null;
  if (mas.index <= min) {
    // The planted fault pauses instead: the next call re-walks as if nothing had ended.
    mas.status = mas.tree.hasFault(FAULTS.plantedPrevAtMinLeavesPause)
      ? MaStatus.pause
      : prevExhausted(mas);
    return { done: true, entry };
  }
  switch (mas.status) {
    case MaStatus.active:
      return { done: false, entry };
    case MaStatus.start:
      break;
    case MaStatus.none:
    case MaStatus.pause:
      mas.status = MaStatus.start;
      break;
    case MaStatus.underflow:
      // The limit moved: carry on from the node the state still holds (NULL after a reset).
      mas.status = MaStatus.active;
      break;
    case MaStatus.overflow:
      mas.status = MaStatus.active;
      entry = masWalkImpl(mas);
      if (entry !== null) return { done: true, entry };
      break;
    case MaStatus.root:
      break;
    case MaStatus.error:
      return { done: true, entry };
  }
  if (statusOf(mas) === MaStatus.start) masWalkImpl(mas);
  if (statusOf(mas) === MaStatus.root) {
    if (mas.index === 0n) {
      mas.status = MaStatus.none;
      return { done: true, entry };
    }
    mas.index = 0n;
    mas.last = 0n;
    entry = asEntry(readRoot(mas.tree));
    return { done: true, entry };
  }
  if (statusOf(mas) === MaStatus.none) {
    if (mas.index) {
      // The walk ended past a root entry: the previous location is index 0.
      mas.index = 0n;
      mas.last = 0n;
      mas.status = MaStatus.root;
      entry = asEntry(readRoot(mas.tree));
      return { done: true, entry };
    }
    return { done: true, entry };
  }
  return { done: false, entry };
}

/** mas_prev */
export function masPrevImpl(mas: MaState, min: Index): MaybeEntry {
  const from = { index: mas.index, find: false };
  const s = masPrevSetup(mas, min);
  if (s.done) return s.entry;
  return masPrevSlot(mas, min, false, from);
}

/** mas_prev_range */
export function masPrevRangeImpl(mas: MaState, min: Index): MaybeEntry {
  const from = { index: mas.index, find: false };
  const s = masPrevSetup(mas, min);
  if (s.done) return s.entry;
  return masPrevSlot(mas, min, true, from);
}
