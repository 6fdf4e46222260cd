/**
 * `failallocSweep`: before each allocating command the pair rebuilds the state on a fresh
 * layer once per k and runs the command with its k-th allocation failing. A layer that
 * ignores the failure it is asked for (it changes the space and says it gave up) passes a run
 * without the sweep and is caught with it, at k = 1, naming the sweep.
 */
import { describe, expect, it } from "vitest";
import { TsBackend } from "../../src/backend/ts/ts-backend.js";
import { mmPairFor } from "../../src/checker/mm/check-mm-sequential.js";
import type { MmBackend } from "../../src/checker/mm/mm-backend.js";
import { parseMmCommand } from "../../src/checker/mm/mm-command.js";
import { MmSequentialSpec } from "../../src/checker/mm/mm-spec.js";
import { TsMmBackend } from "../../src/checker/mm/ts-mm-backend.js";
import { KERNEL_GEOMETRY } from "../../src/impl/geometry.js";

/** The TypeScript layer, except that an armed failure is ignored and reported as taken. */
function ignoresFailures(): MmBackend {
  const ts = new TsMmBackend({
    backend: new TsBackend(),
    geometry: KERNEL_GEOMETRY,
    config: { taskPages: 32, guardPages: 2, startBrk: 8 },
    flavour: "6.12",
    mms: 1,
  });
  return {
    name: "ts",
    description: "a layer that ignores failalloc",
    run: (c, failAt) => ({ ...ts.run(c, undefined), allocFailed: failAt !== undefined }),
    maps: (mm) => ts.maps(mm),
    brk: (mm) => ts.brk(mm),
    validate: (mm) => ts.validate(mm),
  };
}

const run = (failallocSweep: boolean) => {
  const spec = MmSequentialSpec.parse({ mms: 1, ...(failallocSweep && { failallocSweep }) });
  const pair = mmPairFor(spec, undefined, ignoresFailures);
  for (const line of ["mmap 0 0x1000-0x3000 rw- fixed anon", "munmap 0 0x1000-0x2000"])
    pair.run(parseMmCommand(line, 1));
};

describe("the allocation-failure sweep of an mm spec", () => {
  it("is off unless asked for, and leaves the spec's hash alone", () => {
    expect(() => run(false)).not.toThrow();
    expect("failallocSweep" in MmSequentialSpec.parse({})).toBe(false);
  });

  it("fails the first allocation of the first mmap and catches the layer that ignores it", () => {
    expect(() => run(true)).toThrow(
      /^allocation sweep, `failalloc 0 1` before `mmap 0 0x1000-0x3000 rw- fixed anon`: answer differs/,
    );
  });
});
