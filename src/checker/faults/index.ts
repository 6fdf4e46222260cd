/**
 * The known-bug corpus as switchable faults and the gate that checks each is caught:
 *
 *   runFaultGate(options): FaultGateResult        every catalog fault with its specs
 *   formatGate(result): string                    the table, kill rate (over the reachable
 *                                                 faults; masked ones named) and total time
 *   compareWithBaseline(rows, loadBaseline())     fails when a caught fault escapes
 */
export {
  type CatalogEntry,
  FAULT_CATALOG,
  type FaultClass,
  type FaultSpecRef,
  NO_FAULT_SPECS,
} from "./catalog.js";
export {
  type BaselineComparison,
  baselineOf,
  compareWithBaseline,
  FAULT_BASELINE_PATH,
  type FaultBaseline,
  type FaultGateOptions,
  type FaultGateResult,
  type FaultRow,
  formatGate,
  isMasked,
  killRateText,
  loadBaseline,
  runFault,
  runFaultGate,
  runNoFaultSpecs,
  type SpecResult,
  specWithFault,
  specWithoutFault,
  summarize,
} from "./gate.js";
