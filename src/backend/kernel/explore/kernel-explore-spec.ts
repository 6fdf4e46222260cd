/**
 * An explore spec run on the kernel's C tree: runExploreSpec (run-explore-spec.ts) with the C
 * tree as its scenario tree, so written-out and generated specs, minimizing, replay and the
 * second replay before a report are the TypeScript tree's own code; tokens carry `kernel:`.
 *
 * The explore runner is built (or taken from the cache) from the backend's kernel tree the
 * first time a spec needs it, and one runner process serves every spec of the backend.
 */
import type { SpecOutcome } from "../../../checker/run/outcome.js";
import { generatesCursorLines } from "../../../checker/scenario/generate-shapes.js";
import { isCursorLine } from "../../../checker/scenario/reader-lines.js";
import {
  type ExploreOverrides,
  runExploreSpec,
} from "../../../checker/scenario/run-explore-spec.js";
import type { ScenarioTree } from "../../../checker/scenario/scenario-tree.js";
import type { Spec } from "../../../checker/spec/schema.js";
import { hasCursorStatus, type KernelBackend } from "../kernel-backend.js";
import { buildExploreRunner } from "./build-explore.js";
import { exploreKernelScenario, replayKernelScenario } from "./kernel-explore-scenario.js";
import {
  compileKernelScenario,
  KernelExploreSession,
  KernelNotApplicable,
  kernelLinesNotApplicable,
} from "./kernel-scenario.js";

const sessions = new WeakMap<KernelBackend, KernelExploreSession>();
const open = new Set<KernelExploreSession>();
let exitHook = false;

/** The explore runner session of a kernel backend (built on first use). */
export function kernelExploreSession(backend: KernelBackend): KernelExploreSession {
  let s = sessions.get(backend);
  if (s === undefined) {
    const k = backend.build.kernel;
    const build = buildExploreRunner(k.dir, {
      mapleTreeFile: k.mapleTreeFile,
      log: (line) => process.stderr.write(`maple-check: ${line}\n`),
    });
    s = new KernelExploreSession(build);
    sessions.set(backend, s);
    open.add(s);
    if (!exitHook) {
      exitHook = true;
      process.on("exit", () => {
        for (const x of open) x.close();
      });
    }
  }
  return s;
}

/** Why the C tree cannot run this explore spec, or undefined. */
export function kernelExploreNotApplicable(spec: Spec, backend: KernelBackend): string | undefined {
  const tree = backend.notApplicable(spec.tree);
  if (tree !== undefined) return tree;
  const e = spec.explore;
  if (e === undefined) return undefined;
  const k = backend.build.kernel;
  const statusCursor = hasCursorStatus(k);
  const cursor =
    (e.readers ?? []).some((r) => (Array.isArray(r) ? r : r.lines).some(isCursorLine)) ||
    (e.generate !== undefined && generatesCursorLines(e.generate));
  if (cursor && !statusCursor)
    return `cursor lines need the cursor status of 6.8+ (linux ${k.version} keeps it in mas->node)`;
  return undefined;
}

/** The C tree as explore mode's tree: scenarios compiled for the backend's explore runner. */
function kernelScenarioTree(session: KernelExploreSession): ScenarioTree {
  return {
    backend: "kernel",
    notApplicable: kernelLinesNotApplicable,
    scenario(data, forwardCopyOnly) {
      let c: ReturnType<typeof compileKernelScenario>;
      try {
        c = compileKernelScenario(data, session);
      } catch (e) {
        if (e instanceof KernelNotApplicable) return undefined;
        throw e;
      }
      return {
        explore: (bounds, minimize) => exploreKernelScenario(c, bounds, forwardCopyOnly, minimize),
        replay: (bounds, bound, path) =>
          replayKernelScenario(c, bounds, forwardCopyOnly, bound, path),
      };
    },
  };
}

export function runKernelExploreSpec(
  spec: Spec,
  overrides: ExploreOverrides,
  backend: KernelBackend,
): SpecOutcome {
  const outcome = runExploreSpec(
    spec,
    overrides,
    kernelScenarioTree(kernelExploreSession(backend)),
  );
  outcome.backend = backend.description;
  return outcome;
}
