/** The TypeScript tree (src/impl) as a backend: the trace machine, in process. */

import { sameRanges } from "../../checker/sequential/span-ranges.js";
import { mtValidate } from "../../impl/api.js";
import { KERNEL_GEOMETRY } from "../../impl/geometry.js";
import { leafSpans } from "../../impl/inspect.js";
import type { Index } from "../../impl/u64.js";
import { violationKey } from "../../impl/validate/report.js";
import type { Violation } from "../../impl/validate/violation.js";
import type { Span } from "../../model/range-map.js";
import { TraceMachine } from "../../trace/execute.js";
import { formatResult } from "../../trace/format.js";
import type { TraceLine } from "../../trace/ops.js";
import type { RangeEntry } from "../../trace/results.js";
import type { SessionOptions, TreeBackend, TreeCheck, TreeSession } from "../backend.js";
import { TreeCrash } from "../backend.js";

export class TsBackend implements TreeBackend {
  readonly name = "ts";
  readonly description = "TypeScript tree";

  notApplicable(): string | undefined {
    return undefined;
  }

  supports(): boolean {
    return true;
  }

  open(options: SessionOptions): TreeSession {
    return new TsSession(options);
  }

  close(): void {}
}

class TsSession implements TreeSession {
  readonly machine: TraceMachine;
  /** Minimum occupancy is only an invariant of the kernel's own geometry (see SMALL_GEOMETRY). */
  private readonly strictOccupancy: boolean;

  constructor(options: SessionOptions) {
    this.strictOccupancy = options.geometry === KERNEL_GEOMETRY;
    const onStoreType = options.onStoreType;
    this.machine = new TraceMachine({
      guard: true,
      tree: {
        geometry: options.geometry,
        faults: options.faults,
        observer: onStoreType ? { storeType: onStoreType } : {},
      },
    });
  }

  run(line: TraceLine): string {
    try {
      return formatResult(this.machine.runLine(line));
    } catch (e) {
      throw new TreeCrash(`exception ${(e as Error).message}`, (e as Error).stack ?? "");
    }
  }

  lastCheck(): TreeCheck {
    const machine = this.machine;
    const strict = this.strictOccupancy;
    let ranges: RangeEntry[] | undefined;
    const treeRanges = (): RangeEntry[] => {
      ranges ??= machine.ranges();
      return ranges;
    };
    return {
      height: machine.tree.height,
      validation() {
        const all = mtValidate(machine.tree);
        const found =
          all.length === 0 || strict ? all : all.filter((v) => !isOccupancyViolation(v));
        const first = found[0];
        return {
          count: found.length,
          ...(first !== undefined && {
            first: `${first.check}: ${first.detail}`,
            key: violationKey(first),
          }),
        };
      },
      sameRanges: (spans: readonly Span[]) => sameRanges(treeRanges(), spans),
      ranges: treeRanges,
    };
  }

  leaves(): Array<readonly [Index, Index]> {
    return leafSpans(this.machine.tree);
  }
}

/**
 * mt_validate's minimum-occupancy report. The kernel's split arithmetic keeps that invariant
 * only with its own node sizes: with small nodes a three-way split can leave a middle node one
 * slot short, in the kernel's algorithm as in ours, so small-geometry checks leave it out.
 */
function isOccupancyViolation(v: Violation): boolean {
  return v.check === "mt_validate" && v.detail.includes("invalid size");
}
