/**
 * A proposed fix must change nothing but what it fixes. Every explore spec runs with the fix
 * added to its tree switches, and the script lists the specs whose verdict then differs from
 * the one they expect: the findings the fix cures, and nothing else (a fault spec with the fix
 * added must still catch its fault).
 *
 *   npm run build && node dist/scripts/fix-sweep.js [--fix NAME] [--kernel DIR]
 *
 * Without --kernel: the TypeScript tree, every explore spec of maple-check's specs/ (its faults
 * kept, the fix added). With --kernel DIR: the C tree, the kernel-geometry explore specs with no
 * fault of their own, each on a copy of DIR patched with specs/kernel-fixes/NAME.patch.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { KernelBackend } from "../src/backend/kernel/kernel-backend.js";
import { lazyRunnerBuild } from "../src/backend/kernel/lazy-runner-build.js";
import { isProposedFix } from "../src/backend/kernel/proposed-fix.js";
import { runSpec } from "../src/checker/run/run-spec.js";
import { loadSpecFile } from "../src/checker/spec/load-spec.js";
import type { Spec } from "../src/checker/spec/schema.js";
import { FAULTS } from "../src/impl/faults.js";
import { packageRoot } from "../src/package-root.js";
import { acceptOnly, option } from "./script-options.js";

acceptOnly(["fix", "kernel"], "usage: fix-sweep [--fix NAME] [--kernel DIR]");
const fix = option("fix") ?? FAULTS.fixRestartStepFromOperationStart;
if (!isProposedFix(fix)) {
  console.error(`error: --fix names a proposed fix (proposed-fix:NAME), not ${fix}`);
  process.exit(4);
}
const kernelDir = option("kernel");
const backend = kernelDir === undefined ? undefined : new KernelBackend(lazyRunnerBuild(kernelDir));

const dir = join(packageRoot(), "specs");
const specs: Spec[] = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => loadSpecFile(join(dir, f)))
  .filter((s) => s.mode === "explore" && !s.tree.faults.includes(fix))
  .filter(
    (s) => backend === undefined || (s.tree.geometry === "kernel" && s.tree.faults.length === 0),
  );

const changed: string[] = [];
const t0 = performance.now();
for (const spec of specs) {
  const fixed: Spec = { ...spec, tree: { ...spec.tree, faults: [...spec.tree.faults, fix] } };
  const o = runSpec(fixed, backend === undefined ? {} : { backend });
  if (o.verdict !== spec.expect)
    changed.push(`  ${spec.name}: expects ${spec.expect}, ${o.verdict} with the fix`);
}
backend?.close();
const tree = backend === undefined ? "the TypeScript tree" : `the C tree of ${kernelDir}`;
console.log(
  `${fix} on ${tree}: ${specs.length} explore specs, ${specs.length - changed.length} keep their expected verdict, ${changed.length} change (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
for (const line of changed) console.log(line);
