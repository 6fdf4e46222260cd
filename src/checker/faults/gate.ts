/**
 * The fault gate: every fault of the catalog is switched on and the specs that must catch it
 * are run. A row says whether it was caught, by which mode, how fast and how small the
 * minimized counterexample is. A fault 6.12's code cannot reach (the catalog's `masked`, with
 * why) is listed but not run, and the kill rate is taken over the reachable ones: caught /
 * reachable. compareWithBaseline fails when a fault the baseline caught escapes now. Nothing
 * here prints (scripts/fault-gate.ts does).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { MmFault } from "../../mm/mm-faults.js";
import type { SpecOutcome } from "../run/outcome.js";
import { type RunOverrides, runSpec } from "../run/run-spec.js";
import { loadSpecFile } from "../spec/load-spec.js";
import type { Spec } from "../spec/schema.js";
import { type CatalogEntry, FAULT_CATALOG, NO_FAULT_SPECS } from "./catalog.js";
import { SEED_HUNKS } from "./seed-catalog.js";

export interface FaultGateOptions {
  /** Directory holding the spec files (default: specs/ of the working directory). */
  specsDir?: string;
  /** Only these faults (default: the whole catalog). */
  faults?: readonly string[];
  /** Sequential specs: at most this many runs (a fast gate). */
  maxRuns?: number;
  /** The catalog to run (default FAULT_CATALOG). */
  catalog?: readonly CatalogEntry[];
  /**
   * Also run each spec with no fault (for a protocol fault: its fixed-protocol spec): it must
   * pass, or the row is a false alarm and does not count as caught.
   */
  controls?: boolean;
  /** Called after each row, e.g. to show progress. */
  onRow?: (row: FaultRow) => void;
}

export interface SpecResult {
  file: string;
  expected: "pass" | "violation";
  verdict: SpecOutcome["verdict"] | "error";
  timeMs: number;
  error?: string;
}

export interface FaultRow {
  fault: string;
  bug: number;
  class: CatalogEntry["class"];
  /** Every spec gave its expected verdict (a masked spec passing counts as expected). */
  caught: boolean;
  /** The mode of the spec that caught it: sequential runs, the interleaving explorer or mm runs. */
  mode: "sequential" | "interleaving" | "mm-sequential" | "mm-explore" | null;
  /** Time of the spec that caught it. */
  timeToCatchMs: number | null;
  /** Size of its minimized counterexample. */
  size: { commands?: number; steps?: number; preemptions?: number } | null;
  error: string | null;
  specs: SpecResult[];
  /** The no-fault runs (options.controls), each expected to pass. */
  controls: SpecResult[];
  /** Set when 6.12's code cannot reach the fault (or the tree hides it): why. */
  masked?: string;
  /** Set when no spec reaches the fault and it is not shown masked: why (the catalog's note). */
  unreached?: string;
}

/** A row before its specs ran: nothing caught, nothing measured. */
export function blankFaultRow(f: Pick<FaultRow, "fault" | "bug" | "class">): FaultRow {
  return {
    fault: f.fault,
    bug: f.bug,
    class: f.class,
    caught: false,
    mode: null,
    timeToCatchMs: null,
    size: null,
    error: null,
    specs: [],
    controls: [],
  };
}

export interface FaultGateResult {
  rows: FaultRow[];
  caught: number;
  /** Every row, masked ones included. */
  total: number;
  /** The rows not masked: the faults the kill rate is taken over. */
  reachable: number;
  /** The rows masked (not caught, and shown unreachable), each with its reason. */
  masked: number;
  /** caught / reachable. */
  killRate: number;
  totalMs: number;
}

/** A row counts as masked when it was not caught and says why the tree hides the fault. */
export function isMasked(row: FaultRow): boolean {
  return !row.caught && row.masked !== undefined;
}

/** The gate's counts over its rows: masked rows are left out of the kill rate. */
export function summarize(rows: FaultRow[], totalMs: number): FaultGateResult {
  const caught = rows.filter((r) => r.caught).length;
  const masked = rows.filter(isMasked).length;
  const reachable = rows.length - masked;
  return {
    rows,
    caught,
    total: rows.length,
    reachable,
    masked,
    killRate: reachable === 0 ? 0 : caught / reachable,
    totalMs,
  };
}

/** The spec with the entry's faults taken out: the no-fault control. */
export function specWithoutFault(spec: Spec, entry: CatalogEntry): Spec {
  const drop = new Set([entry.fault, ...(entry.with ?? [])]);
  if (entry.kind === "mm" && spec.mm !== undefined)
    return { ...spec, mm: { ...spec.mm, faults: spec.mm.faults.filter((f) => !drop.has(f)) } };
  if (entry.kind === "seed-hunk") return specWithSeedHunk(spec, entry);
  return { ...spec, tree: { ...spec.tree, faults: spec.tree.faults.filter((f) => !drop.has(f)) } };
}

function runOne(
  file: string,
  expected: "pass" | "violation",
  spec: () => Spec,
  maxRuns: number | undefined,
): { result: SpecResult; outcome?: SpecOutcome } {
  const t0 = performance.now();
  try {
    const s = spec();
    const outcome = runSpec(s, overridesFor(s, maxRuns));
    return {
      result: { file, expected, verdict: outcome.verdict, timeMs: outcome.timeMs },
      outcome,
    };
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return {
      result: { file, expected, verdict: "error", timeMs: performance.now() - t0, error: message },
    };
  }
}

/** The spec as the gate runs it: the catalog's faults added to the spec's own. */
export function specWithFault(spec: Spec, entry: CatalogEntry): Spec {
  if (entry.kind === "mm") return mmSpecWithFault(spec, entry);
  if (entry.kind === "seed-hunk") return specWithoutSeedHunk(spec, entry);
  if (entry.kind !== "tree") return spec;
  const faults = [...spec.tree.faults];
  for (const f of [entry.fault, ...(entry.with ?? [])]) if (!faults.includes(f)) faults.push(f);
  return { ...spec, tree: { ...spec.tree, faults } };
}

/** A seed hunk is taken back in an mm-explore spec: the pre-seed flags, or a hunk switched off. */
function specWithoutSeedHunk(spec: Spec, entry: CatalogEntry): Spec {
  const e = spec.mmExplore;
  const hunk = SEED_HUNKS[entry.fault as keyof typeof SEED_HUNKS];
  if (e === undefined || hunk === undefined)
    throw new Error(`${spec.name}: seed hunk ${entry.fault} needs an mm-explore spec`);
  if (hunk === "flavour:pre-seed") return { ...spec, mmExplore: { ...e, flavour: "pre-seed" } };
  const off = e.withoutSeedHunks.includes(hunk)
    ? e.withoutSeedHunks
    : [...e.withoutSeedHunks, hunk];
  return { ...spec, mmExplore: { ...e, withoutSeedHunks: off } };
}

/** The seed hunk put back (6.12's code): MM_MT_FLAGS with RCU, or the hunk switched on. */
function specWithSeedHunk(spec: Spec, entry: CatalogEntry): Spec {
  const e = spec.mmExplore;
  const hunk = SEED_HUNKS[entry.fault as keyof typeof SEED_HUNKS];
  if (e === undefined || hunk === undefined)
    throw new Error(`${spec.name}: seed hunk ${entry.fault} needs an mm-explore spec`);
  if (hunk === "flavour:pre-seed") return { ...spec, mmExplore: { ...e, flavour: "6.12" } };
  return {
    ...spec,
    mmExplore: { ...e, withoutSeedHunks: e.withoutSeedHunks.filter((h) => h !== hunk) },
  };
}

/** An mm fault goes into the mm spec's mm.faults. */
function mmSpecWithFault(spec: Spec, entry: CatalogEntry): Spec {
  if (spec.mm === undefined)
    throw new Error(`${spec.name}: mm fault ${entry.fault} needs an mm spec`);
  const faults = [...spec.mm.faults];
  for (const f of [entry.fault, ...(entry.with ?? [])])
    if (!faults.includes(f as MmFault)) faults.push(f as MmFault);
  return { ...spec, mm: { ...spec.mm, faults } };
}

function overridesFor(spec: Spec, maxRuns: number | undefined): RunOverrides {
  if (maxRuns === undefined || spec.mode !== "sequential" || spec.sequential === undefined)
    return {};
  return { runs: Math.min(maxRuns, spec.sequential.runs) };
}

/** Runs one catalog entry's specs with its fault switched on (and, with options.controls, off). */
export function runFault(entry: CatalogEntry, options: FaultGateOptions = {}): FaultRow {
  const dir = options.specsDir ?? "specs";
  const row: FaultRow = { ...blankFaultRow(entry), caught: entry.specs.length > 0 };
  if (entry.masked !== undefined) row.masked = entry.masked.why;
  else if (entry.specs.length === 0) row.unreached = entry.note ?? "no spec reaches this fault";
  for (const ref of entry.specs) {
    const { result, outcome } = runOne(
      ref.file,
      ref.expect,
      () => specWithFault(loadSpecFile(join(dir, ref.file)), entry),
      options.maxRuns,
    );
    if (outcome?.verdict === "violation" && ref.expect === "violation" && row.mode === null) {
      row.mode = outcome.mode === "explore" ? "interleaving" : outcome.mode;
      row.timeToCatchMs = outcome.timeMs;
      row.size = outcome.counterexample?.size ?? null;
    }
    if (result.error !== undefined) row.error ??= `${ref.file}: ${result.error}`;
    if (result.verdict !== ref.expect) row.caught = false;
    row.specs.push(result);
  }
  if (options.controls === true) {
    const controls: Array<[string, () => Spec]> =
      entry.kind === "protocol"
        ? entry.control === undefined
          ? []
          : [[entry.control, () => loadSpecFile(join(dir, entry.control as string))]]
        : entry.specs.map((ref) => [
            ref.file,
            () => specWithoutFault(loadSpecFile(join(dir, ref.file)), entry),
          ]);
    for (const [file, spec] of controls) {
      const { result } = runOne(file, "pass", spec, options.maxRuns);
      if (result.verdict !== "pass") {
        row.caught = false;
        row.error ??= `false alarm: ${file} without the fault gives ${result.verdict}${result.error ? ` (${result.error})` : ""}`;
      }
      row.controls.push(result);
    }
  }
  if (!row.caught) {
    row.mode = null;
    row.timeToCatchMs = null;
    row.size = null;
  }
  return row;
}

/** Runs every fault of the catalog (or options.faults) and sums up. */
export function runFaultGate(options: FaultGateOptions = {}): FaultGateResult {
  const t0 = performance.now();
  const catalog = options.catalog ?? FAULT_CATALOG;
  const wanted = options.faults;
  const rows: FaultRow[] = [];
  for (const entry of catalog) {
    if (wanted !== undefined && !wanted.includes(entry.fault)) continue;
    const row = runFault(entry, options);
    rows.push(row);
    options.onRow?.(row);
  }
  return summarize(rows, performance.now() - t0);
}

/** The no-false-alarm check: the given specs (default NO_FAULT_SPECS) keep their verdicts with no fault. */
export function runNoFaultSpecs(
  options: Pick<FaultGateOptions, "specsDir" | "maxRuns"> & { files?: readonly string[] } = {},
): SpecResult[] {
  const dir = options.specsDir ?? "specs";
  return (options.files ?? NO_FAULT_SPECS).map((file) => {
    const spec = loadSpecFile(join(dir, file));
    const out = runSpec(spec, overridesFor(spec, options.maxRuns));
    return { file, expected: spec.expect, verdict: out.verdict, timeMs: out.timeMs };
  });
}

/** Where the committed baseline lives (relative to the project root). */
export const FAULT_BASELINE_PATH = "specs/baselines/faults-baseline.json";

/** Reads a baseline file (default FAULT_BASELINE_PATH). */
export function loadBaseline(path: string = FAULT_BASELINE_PATH): FaultBaseline {
  return JSON.parse(readFileSync(path, "utf8")) as FaultBaseline;
}

/** The committed baseline (specs/baselines/faults-baseline.json): which faults were caught. */
export interface FaultBaseline {
  faults: Record<string, { caught: boolean }>;
}

export interface BaselineComparison {
  ok: boolean;
  /** Caught in the baseline, not caught now (or no longer run). */
  escaped: string[];
  /** Not caught (or absent) in the baseline, caught now. */
  newlyCaught: string[];
}

export function compareWithBaseline(
  rows: readonly FaultRow[],
  baseline: FaultBaseline,
): BaselineComparison {
  const now = new Map(rows.map((r) => [r.fault, r.caught]));
  const escaped: string[] = [];
  const newlyCaught: string[] = [];
  for (const [fault, b] of Object.entries(baseline.faults)) {
    if (b.caught && now.get(fault) !== true) escaped.push(fault);
  }
  for (const r of rows) {
    if (r.caught && baseline.faults[r.fault]?.caught !== true) newlyCaught.push(r.fault);
  }
  return { ok: escaped.length === 0, escaped, newlyCaught };
}

/** The baseline a gate run gives (what specs/baselines/faults-baseline.json holds). */
export function baselineOf(rows: readonly FaultRow[]): FaultBaseline {
  const faults: FaultBaseline["faults"] = {};
  for (const r of rows) faults[r.fault] = { caught: r.caught };
  return { faults };
}

/** The gate's table as text. */
export function formatGate(result: FaultGateResult): string {
  const head = ["fault", "bug", "class", "caught", "mode", "time ms", "cx size"];
  const lines = result.rows.map((r) => [
    r.fault,
    r.bug === 0 ? "mutant" : `#${r.bug}`,
    r.class,
    r.caught
      ? "yes"
      : r.error !== null
        ? "ERROR"
        : isMasked(r)
          ? "masked"
          : r.unreached !== undefined
            ? "no (unreached)"
            : "no",
    r.mode ?? "-",
    r.timeToCatchMs === null ? "-" : String(Math.round(r.timeToCatchMs)),
    sizeText(r.size),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const out = [fmt(head), fmt(widths.map((w) => "-".repeat(w))), ...lines.map(fmt)];
  for (const r of result.rows)
    if (r.error !== null) out.push(`  ${r.fault}: ${r.error.split("\n")[0]}`);
  for (const r of result.rows)
    if (r.unreached !== undefined) out.push(`  ${r.fault} (#${r.bug}) unreached: ${r.unreached}`);
  for (const r of result.rows)
    if (isMasked(r)) out.push(`  ${r.fault} (#${r.bug}) masked: ${r.masked}`);
  out.push(`${killRateText(result)}, total ${(result.totalMs / 1000).toFixed(1)} s`);
  return out.join("\n");
}

/**
 * "kill rate: caught 14 of 16 reachable (87.5%); 3 masked (a #22, b #23, c #4)": the rate is
 * over the reachable faults, and the masked ones are named (their reasons are listed above).
 */
export function killRateText(result: FaultGateResult): string {
  const head = `kill rate: caught ${result.caught} of ${result.reachable} reachable (${(100 * result.killRate).toFixed(1)}%)`;
  const masked = result.rows.filter(isMasked);
  if (masked.length === 0) return head;
  return `${head}; ${masked.length} masked (${masked.map((r) => `${r.fault} #${r.bug}`).join(", ")})`;
}

function sizeText(s: FaultRow["size"]): string {
  if (s === null) return "-";
  const parts: string[] = [];
  if (s.commands !== undefined) parts.push(`${s.commands} commands`);
  if (s.steps !== undefined) parts.push(`${s.steps} steps`);
  if (s.preemptions !== undefined) parts.push(`${s.preemptions} preemptions`);
  return parts.join(", ") || "-";
}
