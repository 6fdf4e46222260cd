/**
 * One failed invariant of mt_validate. `check` names the kernel check it corresponds to
 * (mas_validate_limits, mas_validate_gaps, mt_validate_nulls, mas_validate_parent_slot,
 * mas_validate_child_slot, mt_check_meta...), `detail` says where and what.
 */
export interface Violation {
  check: string;
  detail: string;
}
