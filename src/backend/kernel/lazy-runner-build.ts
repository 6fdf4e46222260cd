/** A tree's runner build, compiled when first used. */
import { buildKernelRunner, type RunnerBuild } from "./build.js";
import { openKernelTree } from "./kernel-tree.js";

/**
 * The runner build of a tree, compiled only when the sequential runner is first needed: an
 * explore spec uses the explore runner (built from the same tree), so it never pays for the
 * sequential runner's sanitizer build.
 */
export function lazyRunnerBuild(dir: string, log?: (line: string) => void): RunnerBuild {
  const kernel = openKernelTree(dir);
  let build: RunnerBuild | undefined;
  const get = (): RunnerBuild => {
    build ??= buildKernelRunner(dir, log !== undefined ? { log } : {});
    return build;
  };
  return {
    kernel,
    kernelVersion: kernel.version,
    get binary() {
      return get().binary;
    },
    get hash() {
      return get().hash;
    },
    get built() {
      return get().built;
    },
  };
}
