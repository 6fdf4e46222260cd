/** Forward iteration: mas_next_node, mas_next_slot and the mas_next / mas_next_range entry points. */
import { MaStatus } from "../constants.js";
import type { MaybeEntry } from "../entry.js";
import { FAULTS } from "../faults.js";
import type { MaState } from "../ma-state.js";
import type { MapleNode, Word } from "../node.js";
import {
  dataEnd,
  isDeadNode,
  isRootNode,
  masAscend,
  readPivot,
  readSlot,
  safePivot,
} from "../node-access.js";
import { type Index, inc64, ULONG_MAX } from "../u64.js";
import { masMn, statusOf } from "./cursor-node.js";
import { RESTART_AGAIN, type RestartFrom, restartPlan } from "./restart-plan.js";
import { asChild, asEntry, masWalkImpl } from "./walk.js";

/**
 * mas_next_node: move to the next node at the same level (mas.node[mas.offset] of the parent
 * chain). Sets overflow when there is none below max. Returns true on a dead node.
 */
export function masNextNode(mas: MaState, node0: MapleNode, max: Index): boolean {
  const mem = mas.tree.mem;
  // With the fault, the node is used without checking that it is still live.
  const skip = mas.tree.hasFault(FAULTS.skipDeadCheckNextNode);
  const isDead = (n: MapleNode): boolean => !skip && isDeadNode(mem, n);
  let node = node0;
  if (mas.max >= max) return overflow();
  const min = inc64(mas.max);
  let level = 0;
  let nodeEnd: number;
  do {
    if (isRootNode(mem, node)) return overflow();
    if (masAscend(mas)) return true;
    level++;
    node = masMn(mas, "mas_next_node");
    nodeEnd = dataEnd(mem, node, mas.max);
    if (isDead(node)) return true;
  } while (mas.offset === nodeEnd);

  mas.offset++;
  let enode: Word = readSlot(mem, node, mas.offset);
  if (isDead(node)) return true;
  if (level > 1) mas.offset = 0;
  while (level > 1) {
    level--;
    mas.node = asChild(enode, "mas_next_node");
    node = mas.node;
    enode = readSlot(mem, node, 0);
    if (isDead(node)) return true;
  }
  mas.max = safePivot(mas, node, mas.offset);
  const tmp = asChild(enode, "mas_next_node");
  mas.end = dataEnd(mem, tmp, mas.max);
  if (isDead(node)) return true;
  mas.node = tmp;
  mas.min = min;
  return false;

  function overflow(): boolean {
    if (isDead(node)) return true;
    mas.status = MaStatus.overflow;
    return false;
  }
}

/**
 * mas_next_slot: the entry in the next slot after mas.last (skipping NULLs unless `empty`),
 * moving to the next leaf when needed; overflow past max. Restarts on dead nodes.
 */
export function masNextSlot(
  mas: MaState,
  max: Index,
  empty: boolean,
  from?: RestartFrom,
): MaybeEntry {
  const mem = mas.tree.mem;
  // The planted fault steps over the entry after a NULL slot as well.
  const skipAfterNull = mas.tree.hasFault(FAULTS.plantedNextSkipsEntryAfterNull);
  const restart = restartPlan(mas, from, mas.last);
  retry: for (;;) {
    if (restart.landed()) {
      const found = restart.landingEntry(empty);
      if (found === RESTART_AGAIN) continue;
      if (found !== undefined) return found;
    }
    let node = masMn(mas, "mas_next_slot");
    if (restart.ifDead(node)) continue;
    if (mas.max >= max) {
      const pivot = mas.offset < mas.end ? readPivot(mem, node, mas.offset) : mas.max;
      if (restart.ifDead(node)) continue;
      if (pivot >= max) {
        mas.status = MaStatus.overflow;
        return null;
      }
    }
    // Within the node: step to the next slot. At its end: the first slot of the next leaf.
    let step: boolean;
    if (mas.offset < mas.end) {
      mas.index = inc64(readPivot(mem, node, mas.offset));
      step = true;
    } else {
      if (mas.last >= max) {
        mas.status = MaStatus.overflow;
        return null;
      }
      if (masNextNode(mas, node, max)) {
        restart.rewalk();
        continue;
      }
      // The kernel warns here (WARN_ON_ONCE) and returns NULL.
      if (statusOf(mas) === MaStatus.overflow) return null;
      mas.offset = 0;
      mas.index = mas.min;
      node = masMn(mas, "mas_next_slot");
      mas.last = readPivot(mem, node, 0);
      step = false;
    }
    for (;;) {
      if (step) {
        mas.offset++;
        mas.last = mas.offset < mas.end ? readPivot(mem, node, mas.offset) : mas.max;
      }
      const entry = asEntry(readSlot(mem, node, mas.offset));
      if (restart.ifDead(node)) continue retry;
      if (entry !== null || empty) return entry;
      if (mas.last >= max) {
        mas.status = MaStatus.overflow;
        return null;
      }
      mas.index = inc64(mas.last);
      step = true;
      if (skipAfterNull && mas.offset + 1 < mas.end) {
        mas.offset++;
        mas.index = inc64(readPivot(mem, node, mas.offset));
      }
    }
  }
}

/** mas_next_entry: the next non-NULL entry, overflow once last reaches limit. */
export function masNextEntry(mas: MaState, limit: Index, from?: RestartFrom): MaybeEntry {
  if (mas.last >= limit) {
    mas.status = MaStatus.overflow;
    return null;
  }
  return masNextSlot(mas, limit, false, from);
}

/** mas_next_setup: the status machine in front of mas_next; returns the answer when done. */
export function masNextSetup(mas: MaState, max: Index): { done: boolean; entry: MaybeEntry } {
  const wasNone = mas.status === MaStatus.none;
  let entry: MaybeEntry = null;
  if (mas.last >= max) {
    mas.status = MaStatus.overflow;
    return { done: true, entry };
  }
  switch (mas.status) {
    case MaStatus.active:
      return { done: false, entry };
    case MaStatus.none:
    case MaStatus.pause:
      mas.status = MaStatus.start;
      masWalkImpl(mas);
      break;
    case MaStatus.start:
      masWalkImpl(mas);
      break;
    case MaStatus.overflow:
      // The limit moved: carry on from the node the state still holds (NULL after a reset).
      mas.status = MaStatus.active;
      break;
    case MaStatus.underflow:
      mas.status = MaStatus.active;
      entry = masWalkImpl(mas);
      if (entry !== null) return { done: true, entry };
      break;
    case MaStatus.root:
      break;
    case MaStatus.error:
      if (!mas.tree.hasFault(FAULTS.plantedNextWalksOnError)) return { done: true, entry };
      mas.status = MaStatus.start;
      masWalkImpl(mas);
      break;
  }
  if (statusOf(mas) === MaStatus.active) return { done: false, entry };
  if (statusOf(mas) === MaStatus.root) {
    entry = null;
    if (wasNone && mas.index === 0n) {
      mas.index = 0n;
      mas.last = 0n;
      return { done: true, entry };
    }
    mas.index = 1n;
    mas.last = ULONG_MAX;
    mas.status = MaStatus.none;
    return { done: true, entry };
  }
  if (statusOf(mas) === MaStatus.none) return { done: true, entry };
  return { done: false, entry };
}

/** mas_next */
export function masNextImpl(mas: MaState, max: Index): MaybeEntry {
  const from = { index: mas.index, find: false };
  const s = masNextSetup(mas, max);
  if (s.done) return s.entry;
  return masNextSlot(mas, max, false, from);
}

/** mas_next_range */
export function masNextRangeImpl(mas: MaState, max: Index): MaybeEntry {
  const from = { index: mas.index, find: false };
  const s = masNextSetup(mas, max);
  if (s.done) return s.entry;
  return masNextSlot(mas, max, true, from);
}
