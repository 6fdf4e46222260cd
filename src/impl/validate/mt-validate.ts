/**
 * mt_validate (CONFIG_DEBUG_MAPLE_TREE): visit every node in the kernel's order and run its
 * checks, then the NULL-adjacency pass. A corrupted tree can make the traversal itself fault
 * (the kernel would oops); that is reported as one more violation and ends validation.
 */
import { MaStatus } from "../constants.js";
import { MaState } from "../ma-state.js";
import type { MapleNode } from "../node.js";
import { masStart } from "../node-access.js";
import type { MapleTree } from "../tree.js";
import { ULONG_MAX } from "../u64.js";
import { descendLeftmost } from "./descend-leftmost.js";
import { masDfsPostorder } from "./dfs-postorder.js";
import { type KernelViolation, ViolationReport } from "./report.js";
import { masValidateChildSlot } from "./validate-child-slot.js";
import { masValidateGaps } from "./validate-gaps.js";
import { validateHeight } from "./validate-height.js";
import { masValidateLimits } from "./validate-limits.js";
import { mtValidateNodeSize } from "./validate-node-size.js";
import { mtValidateNulls } from "./validate-nulls.js";
import { masValidateParentSlot } from "./validate-parent-slot.js";

/** Bound on nodes/slots visited, so that a cyclic corruption ends instead of hanging. */
const STEP_LIMIT = 200_000;

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Every violation mt_validate reports, in order, plus maple-check's extra checks (kind EXTRA). */
export function mtValidateImpl(tree: MapleTree): KernelViolation[] {
  const r = new ViolationReport();
  let completed = false;
  try {
    completed = validateTree(tree, r);
  } catch (e) {
    r.extra("mt_validate", `validation faulted: ${describe(e)}`);
    return r.list;
  }
  if (completed) {
    try {
      mtValidateNulls(tree, r, STEP_LIMIT);
    } catch (e) {
      r.extra("mt_validate_nulls", `validation faulted: ${describe(e)}`);
    }
  }
  try {
    validateHeight(tree, r, STEP_LIMIT);
  } catch (e) {
    r.extra("mt_height", `validation faulted: ${describe(e)}`);
  }
  return r.list;
}

/** Only the violations the kernel's mt_validate itself would report. */
export function kernelViolations(list: readonly KernelViolation[]): KernelViolation[] {
  return list.filter((v) => v.kind !== "EXTRA");
}

/** The node-by-node pass; false when it cannot finish (the kernel would never return). */
function validateTree(tree: MapleTree, r: ViolationReport): boolean {
  const mas = new MaState(tree, 0n, 0n);
  masStart(mas);
  if (mas.status !== MaStatus.active) return true;
  descendLeftmost(mas);
  for (let steps = 0; !mas.isOverflow(); steps++) {
    if (steps > STEP_LIMIT) throw new RangeError(`more than ${STEP_LIMIT} nodes (a cycle?)`);
    mtValidateNodeSize(mas, r);
    masValidateParentSlot(mas, r);
    masValidateLimits(mas, r);
    masValidateChildSlot(mas, r);
    if (tree.isAlloc) masValidateGaps(mas, r);
    const node: MapleNode | null = mas.node;
    const min = mas.min;
    const max = mas.max;
    const status: number = mas.status;
    masDfsPostorder(mas, ULONG_MAX, STEP_LIMIT);
    if (mas.node === node && mas.min === min && mas.max === max && mas.status === status) {
      // mas_dfs_postorder could not move on (a dead node stops mas_next_node): the kernel
      // would repeat these checks on the same node forever.
      r.extra(
        "mt_validate",
        "the traversal does not advance past this node (the kernel loops forever here)",
      );
      return false;
    }
  }
  return true;
}
