/**
 * Named faults: historic maple tree mistakes that can be switched on per tree instance
 * (TreeOptions.faults), never globally. Each historic one re-creates the original bug in the
 * code path where it lived; planted and self-test ones are deliberate mistakes, named as such.
 */
export const FAULTS = {
  /** wr_append chosen even in RCU mode (fixed in 6.5 by cfeb6ae8bcb9). */
  appendInRcu: "append-in-rcu",
  /** wr_node_store rewrites the live node in place even in RCU mode. */
  nodeStoreInPlaceInRcu: "node-store-in-place-in-rcu",
  /** Readers ignore dead nodes (before 39d0bd86c499): in the first walk of mas_walk/mas_find. */
  skipDeadCheckFirstEntry: "skip-dead-check-in-reader-walk:first-entry",
  /** ... in mas_next_node. */
  skipDeadCheckNextNode: "skip-dead-check-in-reader-walk:next-node",
  /** ... in mas_prev_node. */
  skipDeadCheckPrevNode: "skip-dead-check-in-reader-walk:prev-node",
  /** ... in mas_next_slot / mas_prev_slot (reading the next or previous entry). */
  skipDeadCheckNextEntry: "skip-dead-check-in-reader-walk:next-entry",
  /** mas_rev_awalk accepts a gap that starts below the window (fixed by ebc4c1bcc2a5). */
  revGapIgnoresLowerBound: "rev-gap-ignores-lower-bound",
  /** mas_empty_area_rev reads the data end before the empty-tree check (CVE-2024-36891). */
  revGapReadsEndBeforeEmptyCheck: "rev-gap-reads-end-before-empty-check",

  // ---- the known-bug corpus (docs: known-bugs.md), each where the historic mistake lived ----
  /** mas_start uses a root node without checking that it is dead (before a7b92d59c885). */
  skipDeadCheckAtWalkStart: "skip-dead-check-at-walk-start",
  /** mas_wr_spanning_store copies the right leaf by offset <= end, not by r_max > last (CVE-2024-50200). */
  spanningStoreCopyRightByOffset: "spanning-store-copy-right-by-offset",
  /** mt_destroy_walk does not mark a leaf root dead (before ea9b77f98d94). */
  noDeadMarkOnRootLeafDestroy: "no-dead-mark-on-root-leaf-destroy",
  /** mas_spanning_rebalance's "not the whole tree" test joined with && instead of || (before 0abb964aae3d). */
  rootTestAndInsteadOfOr: "root-test-and-instead-of-or",
  /** mab_calc_split advances the split while the left range is short (before 4f6a6bed0bfe). */
  splitAdvanceForMinSpan: "split-advance-for-min-span",
  /** mas_store_root expands the root into a leaf to store NULL (before 0ea120b278ad). */
  storeNullExpandsRoot: "store-null-expands-root",
  /** mas_prev finding nothing leaves the cursor paused instead of none (before 17dc622c7b0f). */
  prevExhaustedSetsPauseNotNone: "prev-exhausted-sets-pause-not-none",
  /** mas_wr_store_setup writes through a paused cursor without re-walking (before 1202700c3f8c). */
  storeSetupIgnoresPause: "store-setup-ignores-pause",
  /** mas_skip_node compares the offset with the slot capacity, not the data end (before 0fa99fdfe1b3). */
  skipNodeUsesCapacityNotDataEnd: "skip-node-uses-capacity-not-data-end",
  /** mas_anode_descend loops to the slot capacity and stops at a zero raw pivot (before 06e8fd999334). */
  awalkLoopToCapacityRawPivot: "awalk-loop-to-capacity-raw-pivot",
  /** mas_root_expand stores no ULONG_MAX limit pivot after the new range (before 3c769fd88b97). */
  rootExpandOmitsLimitPivot: "root-expand-omits-limit-pivot",

  // ---- planted: deliberate mistakes (not historic) that show the sequential checker finds bugs ----
  /** mab_no_null_split looks at the right node's first slot instead of the left node's last. */
  plantedSplitChecksWrongSlot: "planted:split-checks-wrong-slot",
  /** mas_rev_awalk's fit test against the window's top forgets the +1 (an exact fit is refused). */
  plantedRevGapFitOffByOne: "planted:rev-gap-fit-off-by-one",
  /** mas_prev_setup at the lower limit leaves the cursor paused instead of in underflow. */
  plantedPrevAtMinLeavesPause: "planted:prev-at-min-leaves-pause",
  /** mas_wr_slot_store only asks whether the first slot held NULL before updating the gap. */
  plantedSlotStoreMissesNextGap: "planted:slot-store-misses-next-gap",
  /** mas_wr_prealloc_setup does not restart a paused state. */
  plantedPausedStoreNoRewalk: "planted:paused-store-no-rewalk",
  /** mas_wr_append writes the old data end into the metadata. */
  plantedAppendKeepsOldMetaEnd: "planted:append-keeps-old-meta-end",
  /** mas_next_slot, past a NULL slot, steps over the entry that follows it too. */
  plantedNextSkipsEntryAfterNull: "planted:next-skips-entry-after-null",
  /** mas_wr_spanning_store drops the right leaf's last range when the write ends inside it. */
  plantedSpanningDropsRightTail: "planted:spanning-drops-right-tail",
  /**
   * mtree_alloc_range / _rrange check that the found range ends inside the window with >= for
   * > (a range ending at max is refused with -EBUSY; plain gap searches are untouched).
   */
  plantedAllocRefusesRangeEndingAtMax: "planted:alloc-refuses-range-ending-at-max",
  /**
   * mas_store_gfp leaves a successful store's state paused (as if mas_pause ran) instead of on
   * the written range: index and last are kept, so only the status is wrong, and every walk
   * from a paused state restarts from the root.
   */
  plantedStoreLeavesCursorPaused: "planted:store-leaves-cursor-paused",
  /**
   * mas_next_setup takes a state in error (a store that failed) for a fresh start: it walks
   * from the root at index and steps on, instead of answering NULL with the error kept.
   */
  plantedNextWalksOnError: "planted:next-walks-on-error",

  // ---- self-tests of the validator: seeded corruptions (not historic bugs), each of which one
  // check of mt_validate must report (specs/seq-validate-*.json pin the check) ----
  /** mas_wr_node_store's in-place copy writes no zero over the pivots freed past the new data end. */
  selftestNodeStoreKeepsFreedPivots: "selftest:node-store-keeps-freed-pivots",
  /** mas_wr_node_store's in-place copy writes no NULL over the slots freed past the new data end. */
  selftestNodeStoreKeepsFreedSlots: "selftest:node-store-keeps-freed-slots",
  /** mas_wr_extend_null forgets to merge a NULL write with the NULL range just before it. */
  selftestExtendNullSkipsPrevious: "selftest:extend-null-skips-previous",
  /**
   * mab_mas_cp writes the node's limit into the last pivot of an allocation node it does not
   * fill. Nothing reads that pivot (the node's data end is in its metadata), and the kernel's
   * mas_validate_limits tolerates it: a spec with it on must pass.
   */
  selftestArangeCopyFillsLastPivot: "selftest:arange-copy-fills-last-pivot",
  /** mas_adopt_children gives the last child the slot before its own as its parent slot. */
  selftestAdoptLastChildSlotBefore: "selftest:adopt-last-child-slot-before",
  /** mas_adopt_children gives each child the slot after its own as its parent slot. */
  selftestAdoptChildrenSlotOffByOne: "selftest:adopt-children-slot-off-by-one",
  /** mast_split_data gives the left node of a split a limit one below its last pivot. */
  selftestSplitLeftMaxOneShort: "selftest:split-left-max-one-short",
  /** mas_parent_gap stores a child's new largest gap but leaves meta.gap naming the old one. */
  selftestParentGapKeepsMetaOffset: "selftest:parent-gap-keeps-meta-offset",
  /** mas_wr_slot_store's three-slot case writes its two new boundaries into each other's pivot. */
  selftestSlotStoreSwapsPivots: "selftest:slot-store-swaps-pivots",
  /** mas_put_in_tree records a new internal root node's tree height one level short. */
  selftestNewRootHeightOneShort: "selftest:new-root-height-one-short",
  /**
   * mas_wmb_replace publishes a new internal root whose last child, a leaf, hangs one level
   * too deep: under a one-child internal node of its own (only that subtree is off).
   */
  selftestNewRootLastLeafOneDeeper: "selftest:new-root-last-leaf-one-deeper",
  /** mas_put_in_tree marks the non-root node it has just published dead, as well as the old one. */
  selftestPutInTreeKillsNewNode: "selftest:put-in-tree-kills-new-node",

  // ---- proposed fixes: changes to the kernel's code that maple-check proposes, switched on the
  // same way so that a spec can show the kernel's answer and the fixed one side by side ----
  /**
   * mas_next_slot / mas_prev_slot meet a dead node: 6.12 walks again to the boundary its step
   * started from (the current range's last, or its first going back) and steps over the slot
   * it lands in, which skips what a write put past that boundary. The fix walks again to
   * where the operation started (the index its setup walked to, else the cursor's index, both
   * ways; a find answers the slot it lands in when that holds an entry), so the step is redone
   * on the new tree (read/restart-plan.ts).
   */
  fixRestartStepFromOperationStart: "proposed-fix:restart-step-from-operation-start",
} as const;

export type Fault = (typeof FAULTS)[keyof typeof FAULTS];

export const ALL_FAULTS: readonly Fault[] = Object.values(FAULTS);
