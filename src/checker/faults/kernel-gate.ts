/**
 * The kernel-side fault gate: each patch in specs/kernel-faults/ re-introduces a historic bug
 * into a private copy of the user's lib/maple_tree.c (or mm/vma.c, when the patch's `--- a/`
 * line names it: a VMA-layer fault, caught by mm-sequential specs on mm/vma.c); the copy is built and the specs its
 * header names run on it. A fault is caught when one of them finds a violation. A patch that
 * no longer applies to the user's tree is reported as such, never counted as caught. Rows
 * have the TypeScript gate's shape, so the same table and kill rate print.
 *
 * The patch IS the fault: the header's specs run with `tree.faults` emptied (a spec written
 * for a TypeScript fault switches that fault on; the C tree takes none). Each header spec
 * also runs on the unpatched tree, where it must pass (the false-alarm control; run once per
 * spec and gate, shared by the rows that name it). A header may say `# masked: WHY` for a
 * fault the tree hides (known-bugs.md #12 on kernels with the mas_walk restart typo): the row
 * is then counted honestly (not caught when no spec finds it), and the reason is printed.
 *
 * The counts are the TypeScript gate's: the kill rate is caught / reachable. The catalog's
 * tree faults that 6.12's code masks (catalog.ts `masked`, with the proof) are listed as masked
 * rows on a 6.12 tree (never run: no patch can make them observable), and the catalog's other
 * tree faults that no patch re-creates are named in `withoutPatch`, so a reader sees what the
 * C tree's figure leaves out. A header's `# catalog: NAME` ties a patch to its catalog fault
 * when the names differ.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { join } from "node:path";
import { cacheRoot } from "../../backend/kernel/build.js";
import { KernelBackend } from "../../backend/kernel/kernel-backend.js";
import { openKernelTree } from "../../backend/kernel/kernel-tree.js";
import { lazyRunnerBuild } from "../../backend/kernel/lazy-runner-build.js";
import { PatchDoesNotApply, patchedTree } from "../../backend/kernel/patched-tree.js";
import { runSpec } from "../run/run-spec.js";
import { loadSpecFile } from "../spec/load-spec.js";
import type { Spec } from "../spec/schema.js";
import { type CatalogEntry, FAULT_CATALOG } from "./catalog.js";
import {
  blankFaultRow,
  type FaultGateResult,
  type FaultRow,
  formatGate,
  type SpecResult,
  summarize,
} from "./gate.js";

export interface KernelFault {
  name: string;
  file: string;
  /** The known-bugs number and what the patch reverts. */
  bug: number;
  about: string;
  class: CatalogEntry["class"];
  specs: string[];
  /** `# masked:`: why the tree may hide the fault (printed with the row, never counted caught). */
  masked?: string;
  /** The catalog fault (catalog.ts) the patch re-creates: `# catalog:`, else its own name. */
  catalog: string;
}

/** A catalog tree fault the kernel gate does not run: no patch re-creates it. */
export interface UnportedFault {
  fault: string;
  bug: number;
  class: CatalogEntry["class"];
}

/** The kernel gate's result: the TypeScript gate's counts, and what they leave out. */
export interface KernelGateResult extends FaultGateResult {
  /** The catalog's reachable tree faults with no patch in specs/kernel-faults/ (not run). */
  withoutPatch: UnportedFault[];
}

/** A spec as the kernel gate runs it: its TypeScript faults taken out (the patch is the fault). */
export function kernelFaultSpec(spec: Spec): Spec {
  return { ...spec, tree: { ...spec.tree, faults: [] } };
}

/** Parses one patch's header (`# maple-check kernel fault: ...`); throws when it has none. */
export function parseKernelFaultHeader(file: string, text: string): KernelFault {
  const field = (key: string): string | undefined =>
    new RegExp(`^# ${key}: (.*)$`, "m").exec(text)?.[1]?.trim();
  const name = field("maple-check kernel fault");
  // A historic bug (`# bug N ...`) or a seeded mutant (`# seeded mutant: ...`, bug 0).
  const about = /^# (bug \d+ .*|seeded mutant: .*)$/m.exec(text)?.[1];
  const specs = field("caught by")
    ?.split(/\s+/)
    .filter((x) => x.length > 0);
  if (name === undefined || about === undefined || specs === undefined || specs.length === 0)
    throw new Error(`${file}: no maple-check header (fault, bug or seeded mutant, caught by)`);
  const masked = field("masked");
  return {
    name,
    file,
    catalog: field("catalog") ?? name,
    bug: Number(/^bug (\d+)/.exec(about)?.[1] ?? 0),
    about,
    class: (field("class") ?? "S") as CatalogEntry["class"],
    specs,
    ...(masked !== undefined && { masked }),
  };
}

/** The patches of a folder, with their headers (`# maple-check kernel fault: ...`). */
export function loadKernelFaults(dir: string): KernelFault[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".patch"))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      return parseKernelFaultHeader(file, readFileSync(file, "utf8"));
    });
}

export interface KernelGateOptions {
  kernelDir: string;
  specsDir: string;
  faultsDir: string;
  only?: readonly string[];
  maxRuns?: number;
  /** Run each header spec on the unpatched tree too (it must pass); default true. */
  controls?: boolean;
  log?: (line: string) => void;
  onRow?: (row: FaultRow) => void;
}

export function runKernelFaultGate(o: KernelGateOptions): KernelGateResult {
  const t0 = performance.now();
  const wanted = (name: string): boolean =>
    o.only === undefined || o.only.length === 0 || o.only.includes(name);
  const patches = loadKernelFaults(o.faultsDir);
  const faults = patches.filter((f) => wanted(f.name));
  const controls = new Controls(o);
  let rows: FaultRow[];
  try {
    rows = faults.map((f) => {
      const row = runKernelFault(f, o, controls);
      o.onRow?.(row);
      return row;
    });
  } finally {
    controls.close();
  }
  const left = notRunOnKernel(patches, openKernelTree(o.kernelDir).version, wanted);
  return {
    ...summarize([...rows, ...left.masked], performance.now() - t0),
    withoutPatch: left.withoutPatch,
  };
}

/**
 * The catalog's tree faults that no patch re-creates: on 6.12 the ones its code masks become
 * masked rows (with the catalog's proof); the rest are named as not run. The proofs are about
 * 6.12's code, so on another kernel every such fault is only "not run".
 */
export function notRunOnKernel(
  patches: readonly KernelFault[],
  kernelVersion: string,
  wanted: (fault: string) => boolean = () => true,
): { masked: FaultRow[]; withoutPatch: UnportedFault[] } {
  const ported = new Set(patches.map((f) => f.catalog));
  const is612 = kernelVersion.startsWith("6.12.");
  const masked: FaultRow[] = [];
  const withoutPatch: UnportedFault[] = [];
  for (const e of FAULT_CATALOG) {
    if (e.kind !== "tree" || ported.has(e.fault) || !wanted(e.fault)) continue;
    if (e.masked !== undefined && is612) masked.push(maskedRow(e, e.masked.why));
    else withoutPatch.push({ fault: e.fault, bug: e.bug, class: e.class });
  }
  return { masked, withoutPatch };
}

/** A catalog fault 6.12 masks: listed with why, never run. */
function maskedRow(e: CatalogEntry, why: string): FaultRow {
  return { ...blankFaultRow(e), masked: why };
}

/** The gate's table, the kill rate over the reachable faults, and the faults not run. */
export function formatKernelGate(result: KernelGateResult): string {
  const out = [formatGate(result)];
  const left = result.withoutPatch;
  if (left.length > 0)
    out.push(
      `not run on the C tree (no patch in specs/kernel-faults/): ${left.length} catalog tree faults (${left.map((f) => `${f.fault} #${f.bug}`).join(", ")})`,
    );
  return out.join("\n");
}

/** The gate passes when every reachable fault is caught (a masked one is listed, not failed). */
export function kernelGatePasses(result: KernelGateResult): boolean {
  return result.caught === result.reachable;
}

function loadSpec(name: string, o: KernelGateOptions): Spec {
  return kernelFaultSpec(loadSpecFile(join(o.specsDir, `${name}.json`)));
}

function runOne(name: string, o: KernelGateOptions, backend: KernelBackend) {
  const spec = loadSpec(name, o);
  return runSpec(spec, {
    backend,
    ...(o.maxRuns !== undefined &&
      spec.mode === "sequential" && {
        runs: Math.min(o.maxRuns, spec.sequential?.runs ?? o.maxRuns),
      }),
  });
}

/** The false-alarm controls: each spec once on the unpatched tree, shared by every row. */
class Controls {
  private backend: KernelBackend | undefined;
  private readonly done = new Map<string, SpecResult>();
  constructor(private readonly o: KernelGateOptions) {}

  result(name: string): SpecResult {
    const known = this.done.get(name);
    if (known !== undefined) return known;
    const t0 = performance.now();
    let result: SpecResult;
    try {
      this.backend ??= new KernelBackend(lazyRunnerBuild(this.o.kernelDir, this.o.log));
      const out = runOne(name, this.o, this.backend);
      result = {
        file: `${name}.json`,
        expected: "pass",
        verdict: out.verdict,
        timeMs: out.timeMs,
        ...(out.counterexample && { error: out.counterexample.error }),
        ...(out.notApplicable !== undefined && { error: out.notApplicable }),
      };
    } catch (e) {
      result = {
        file: `${name}.json`,
        expected: "pass",
        verdict: "error",
        timeMs: performance.now() - t0,
        error: (e as Error).message,
      };
    }
    this.done.set(name, result);
    return result;
  }

  close(): void {
    this.backend?.close();
  }
}

function runKernelFault(f: KernelFault, o: KernelGateOptions, controls: Controls): FaultRow {
  const row: FaultRow = blankFaultRow({ fault: f.name, bug: f.bug, class: f.class });
  // A fixed place per tree and fault: an unchanged tree and patch hit the runner cache.
  const tree = createHash("sha256").update(realpathSync(o.kernelDir)).digest("hex").slice(0, 16);
  const work = join(cacheRoot(), "fault-trees", tree, f.name);
  rmSync(work, { recursive: true, force: true });
  let backend: KernelBackend | undefined;
  try {
    const copy = patchedTree(o.kernelDir, f.file, work);
    backend = new KernelBackend(lazyRunnerBuild(copy, o.log));
    // Build a sequential spec's runner now, so that its time to catch leaves the build out.
    if (f.specs.some((name) => loadSpec(name, o).mode === "sequential")) void backend.build.binary;
    for (const name of f.specs) {
      const out = runOne(name, o, backend);
      const result: SpecResult = {
        file: `${name}.json`,
        expected: "violation",
        verdict: out.verdict,
        timeMs: out.timeMs,
        ...(out.counterexample && { error: out.counterexample.error }),
        ...(out.notApplicable !== undefined && { error: out.notApplicable }),
      };
      row.specs.push(result);
      if (out.verdict === "violation" && !row.caught) {
        row.caught = true;
        row.mode =
          out.mode === "sequential" || out.mode === "mm-sequential" ? "sequential" : "interleaving";
        row.timeToCatchMs = out.timeMs;
        row.size = out.counterexample?.size ?? null;
      }
    }
  } catch (e) {
    row.error =
      e instanceof PatchDoesNotApply
        ? "the patch no longer applies to this tree (not counted as caught)"
        : (e as Error).message;
  } finally {
    backend?.close();
  }
  if (row.error === null && o.controls !== false) {
    for (const name of f.specs) {
      const c = controls.result(name);
      row.controls.push(c);
      if (c.verdict !== "pass")
        row.error ??= `false alarm: ${c.file} on the unpatched tree gives ${c.verdict}${c.error ? ` (${c.error})` : ""}`;
    }
    if (row.error !== null) row.caught = false;
  }
  if (!row.caught) {
    if (row.error === null && f.masked !== undefined) row.masked = f.masked;
    row.mode = null;
    row.timeToCatchMs = null;
    row.size = null;
  }
  return row;
}
