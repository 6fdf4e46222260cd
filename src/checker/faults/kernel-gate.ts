/**
 * The kernel-side fault gate: each patch in specs/kernel-faults/ re-introduces a historic bug
 * into a private copy of the user's lib/maple_tree.c; the copy is built and the specs its
 * header names run on it. A fault is caught when one of them finds a violation. A patch that
 * no longer applies to the user's tree is reported as such, never counted as caught. Rows
 * have the TypeScript gate's shape, so the same table and kill rate print.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildKernelRunner, cacheRoot } from "../../backend/kernel/build.js";
import { KernelBackend } from "../../backend/kernel/kernel-backend.js";
import { PatchDoesNotApply, patchedTree } from "../../backend/kernel/patched-tree.js";
import { runSpec } from "../run/run-spec.js";
import { loadSpecFile } from "../spec/load-spec.js";
import type { CatalogEntry } from "./catalog.js";
import type { FaultGateResult, FaultRow, SpecResult } from "./gate.js";

export interface KernelFault {
  name: string;
  file: string;
  /** The known-bugs number and what the patch reverts. */
  bug: number;
  about: string;
  class: CatalogEntry["class"];
  specs: string[];
}

/** The patches of a folder, with their headers (`# maple-check kernel fault: ...`). */
export function loadKernelFaults(dir: string): KernelFault[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".patch"))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      const text = readFileSync(file, "utf8");
      const field = (key: string): string | undefined =>
        new RegExp(`^# ${key}: (.*)$`, "m").exec(text)?.[1]?.trim();
      const name = field("maple-check kernel fault");
      const about = /^# (bug \d+ .*)$/m.exec(text)?.[1];
      const specs = field("caught by")?.split(/\s+/);
      if (name === undefined || about === undefined || specs === undefined)
        throw new Error(`${file}: no maple-check header (fault, bug, caught by)`);
      return {
        name,
        file,
        bug: Number(/^bug (\d+)/.exec(about)?.[1]),
        about,
        class: (field("class") ?? "S") as CatalogEntry["class"],
        specs,
      };
    });
}

export interface KernelGateOptions {
  kernelDir: string;
  specsDir: string;
  faultsDir: string;
  only?: readonly string[];
  maxRuns?: number;
  log?: (line: string) => void;
  onRow?: (row: FaultRow) => void;
}

export function runKernelFaultGate(o: KernelGateOptions): FaultGateResult {
  const t0 = performance.now();
  const faults = loadKernelFaults(o.faultsDir).filter(
    (f) => o.only === undefined || o.only.length === 0 || o.only.includes(f.name),
  );
  const rows = faults.map((f) => {
    const row = runKernelFault(f, o);
    o.onRow?.(row);
    return row;
  });
  const caught = rows.filter((r) => r.caught).length;
  return {
    rows,
    caught,
    total: rows.length,
    killRate: rows.length === 0 ? 0 : caught / rows.length,
    totalMs: performance.now() - t0,
  };
}

function runKernelFault(f: KernelFault, o: KernelGateOptions): FaultRow {
  const row: FaultRow = {
    fault: f.name,
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
  // A fixed place per tree and fault: an unchanged tree and patch hit the runner cache.
  const tree = createHash("sha256").update(realpathSync(o.kernelDir)).digest("hex").slice(0, 16);
  const work = join(cacheRoot(), "fault-trees", tree, f.name);
  rmSync(work, { recursive: true, force: true });
  let backend: KernelBackend | undefined;
  try {
    const copy = patchedTree(o.kernelDir, f.file, work);
    backend = new KernelBackend(buildKernelRunner(copy, o.log ? { log: o.log } : {}));
    for (const name of f.specs) {
      const spec = loadSpecFile(join(o.specsDir, `${name}.json`));
      const out = runSpec(spec, {
        backend,
        ...(o.maxRuns !== undefined && {
          runs: Math.min(o.maxRuns, spec.sequential?.runs ?? o.maxRuns),
        }),
      });
      const result: SpecResult = {
        file: `${name}.json`,
        expected: "violation",
        verdict: out.verdict,
        timeMs: out.timeMs,
        ...(out.counterexample && { error: out.counterexample.error }),
      };
      row.specs.push(result);
      if (out.verdict === "violation" && !row.caught) {
        row.caught = true;
        row.mode = out.mode === "sequential" ? "sequential" : "interleaving";
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
  return row;
}
