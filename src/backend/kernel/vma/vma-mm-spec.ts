/**
 * mm-sequential specs with --kernel: the mm level runs on the tree's own mm/vma.c (vma-runner,
 * built from the same tree as the maple-tree runner and cached), one runner process per
 * kernel backend, shared by every run of the job and ended with the backend.
 */
import type { MmBackendFactory } from "../../../checker/mm/mm-backend.js";
import type { MmSequentialSpec } from "../../../checker/mm/mm-spec.js";
import type { KernelBackend } from "../kernel-backend.js";
import { buildVmaRunner } from "./build-vma-runner.js";
import { VmaMmBackend, VmaRunner, vmaNotApplicable } from "./vma-mm-backend.js";
import { vmaTreeProblem } from "./vma-tree.js";

const runners = new WeakMap<KernelBackend, VmaRunner>();

/** Why the spec cannot run on this kernel's mm/vma.c (its commands, or a tree before 6.11). */
export function vmaSpecNotApplicable(
  mm: MmSequentialSpec,
  backend: KernelBackend,
): string | undefined {
  const why = vmaNotApplicable(mm);
  if (why !== undefined) return why;
  return vmaTreeProblem(backend.build.kernel.dir);
}

/** Fresh mm/vma.c mms for the runs of a spec, on the backend's own runner (built on first use). */
export function vmaLayerFactory(mm: MmSequentialSpec, backend: KernelBackend): MmBackendFactory {
  let runner = runners.get(backend);
  if (runner === undefined) {
    const build = buildVmaRunner(backend.build.kernel.dir, {
      log: (line) => process.stderr.write(`maple-check: ${line}\n`),
    });
    const made = new VmaRunner(build.binary);
    runners.set(backend, made);
    backend.onClose(() => made.close());
    runner = made;
  }
  const r = runner;
  const config = { taskPages: mm.taskPages, guardPages: mm.guardPages, startBrk: mm.startBrk };
  return () => new VmaMmBackend(r, config);
}
