/** mas_find / mas_find_range / mas_find_rev / mas_find_range_rev and their setup status machines. */
import { MaStatus } from "../constants.js";
import type { MaybeEntry } from "../entry.js";
import type { MaState } from "../ma-state.js";
import { readRoot } from "../node-access.js";
import { type Index, inc64, sub64, ULONG_MAX } from "../u64.js";
import { statusOf } from "./cursor-node.js";
import { masNextSlot } from "./next.js";
import { masPrevSlot } from "./prev.js";
import type { RestartFrom } from "./restart-plan.js";
import { asEntry, masWalkImpl } from "./walk.js";

/** `walkedAt`: the index the setup walked to and found NULL at (a find's first step). */
type Setup = { done: boolean; entry: MaybeEntry; walkedAt?: Index };

/**
 * Where a find started, for a step that meets a dead node (restart-plan.ts): the index its
 * setup walked to; a setup that did not walk left the cursor's index as it was, which is where
 * the step starts anyway.
 */
function findStart(s: Setup): RestartFrom | undefined {
  return s.walkedAt === undefined ? undefined : { index: s.walkedAt, find: true };
}

/** mas_find_setup */
export function masFindSetup(mas: MaState, max: Index): Setup {
  let entry: MaybeEntry = null;
  let walkedAt: Index | undefined;
  const done = (): Setup => ({ done: true, entry });
  switch (mas.status) {
    case MaStatus.active:
      return { done: mas.last >= max, entry };
    case MaStatus.start:
      break;
    case MaStatus.pause:
      if (mas.last >= max) return done();
      mas.last = inc64(mas.last);
      mas.index = mas.last;
      mas.status = MaStatus.start;
      break;
    case MaStatus.none:
      if (mas.last >= max) return done();
      mas.index = mas.last;
      mas.status = MaStatus.start;
      break;
    case MaStatus.underflow:
      if (mas.index >= max) {
        mas.status = MaStatus.overflow;
        return done();
      }
      mas.status = MaStatus.active;
      walkedAt = mas.index;
      entry = masWalkImpl(mas);
      if (entry !== null) return done();
      break;
    case MaStatus.overflow:
      if (mas.last >= max) return done();
      mas.status = MaStatus.active;
      walkedAt = mas.index;
      entry = masWalkImpl(mas);
      if (entry !== null) return done();
      break;
    case MaStatus.root:
      break;
    case MaStatus.error:
      return done();
  }
  if (statusOf(mas) === MaStatus.start) {
    if (mas.index > max) return done();
    walkedAt = mas.index;
    entry = masWalkImpl(mas);
    if (entry !== null) return done();
  }
  if (statusOf(mas) === MaStatus.root) {
    mas.status = MaStatus.none;
    mas.index = 1n;
    mas.last = ULONG_MAX;
    return done();
  }
  if (statusOf(mas) === MaStatus.none) return done();
  if (mas.index === max) return done();
  return { done: false, entry, walkedAt };
}

/** mas_find: the entry at or after index on the first call, the next one afterwards. */
export function masFindImpl(mas: MaState, max: Index): MaybeEntry {
  const s = masFindSetup(mas, max);
  if (s.done) return s.entry;
  const entry = masNextSlot(mas, max, false, findStart(s));
  // mas_find hides an overflow: the state stays active at the last slot it looked at.
  mas.status = MaStatus.active;
  return entry;
}

/** mas_find_range: like mas_find, but stops at NULL ranges too. */
export function masFindRangeImpl(mas: MaState, max: Index): MaybeEntry {
  const s = masFindSetup(mas, max);
  if (s.done) return s.entry;
  return masNextSlot(mas, max, true, findStart(s));
}

/** mas_find_rev_setup */
export function masFindRevSetup(mas: MaState, min: Index): Setup {
  let entry: MaybeEntry = null;
  let walkedAt: Index | undefined;
  const done = (): Setup => ({ done: true, entry });
  const none = (): Setup => {
    mas.status = MaStatus.none;
    return done();
  };
  let active = false;
  switch (mas.status) {
    case MaStatus.active:
      active = true;
      break;
    case MaStatus.start:
      break;
    case MaStatus.pause:
      if (mas.index <= min) {
        mas.status = MaStatus.underflow;
        return done();
      }
      mas.index = sub64(mas.index, 1n);
      mas.last = mas.index;
      mas.status = MaStatus.start;
      break;
    case MaStatus.none:
      if (mas.index <= min) return none();
      mas.last = mas.index;
      mas.status = MaStatus.start;
      break;
    case MaStatus.overflow:
      if (mas.index <= min) {
        mas.status = MaStatus.underflow;
        return done();
      }
      mas.status = MaStatus.active;
      break;
    case MaStatus.underflow:
      if (mas.index <= min) return done();
      mas.status = MaStatus.active;
      break;
    case MaStatus.root:
      break;
    case MaStatus.error:
      return done();
  }
  if (!active) {
    if (statusOf(mas) === MaStatus.start) {
      if (mas.index < min) return done();
      walkedAt = mas.index;
      entry = masWalkImpl(mas);
      if (entry !== null) return done();
    }
    if (statusOf(mas) === MaStatus.root) return none();
    if (statusOf(mas) === MaStatus.none) {
      // Nothing at the walked index: the previous location is index 0.
      mas.index = 0n;
      mas.last = 0n;
      mas.status = MaStatus.root;
      entry = asEntry(readRoot(mas.tree));
      return done();
    }
  }
  if (mas.index < min) return done();
  return { done: false, entry, walkedAt };
}

/** mas_find_rev: the entry at or below index on the first call, the previous one afterwards. */
export function masFindRevImpl(mas: MaState, min: Index): MaybeEntry {
  const s = masFindRevSetup(mas, min);
  if (s.done) return s.entry;
  return masPrevSlot(mas, min, false, findStart(s));
}

/** mas_find_range_rev: like mas_find_rev, but stops at NULL ranges too. */
export function masFindRangeRevImpl(mas: MaState, min: Index): MaybeEntry {
  const s = masFindRevSetup(mas, min);
  if (s.done) return s.entry;
  return masPrevSlot(mas, min, true, findStart(s));
}
