/**
 * The variants an mm-explore spec is explored in: every lock order of its writers
 * (mm-writers.ts) and, with `allocFailure: "explore"`, in each order "the k-th allocation of
 * the writer at position i fails" for every i and every k from 1 up to the allocations that
 * writer makes (k = 0, none failing, is the order's own variant). A failing writer must give
 * the model's error and leave the address space as the model says (MmPair checks both
 * sequentially); readers interleaved with it are judged against the states before and after
 * it, the same address space, so a partial tree they see is a violation.
 */
import type { MmSelfTestFault } from "../../mm/index.js";
import { formatMmCommand, parseMmCommand } from "../mm/mm-command.js";
import {
  compileMmScenario,
  type MmCompiled,
  MmExploreError,
  type MmVariant,
} from "./compile-mm-scenario.js";
import type { MmExploreSpec } from "./mm-explore-spec.js";
import { lockOrders, specWriters } from "./mm-writers.js";

export interface CompiledVariant {
  variant: MmVariant;
  /** What the variant is, for the coverage line and the counterexample ("" for a lone one). */
  label: string;
  compiled: MmCompiled;
}

/** A failing allocation the layer and the model disagree on, run sequentially. */
export interface MismatchVariant {
  variant: MmVariant;
  label: string;
  /** MmPair's complaint: a wrong answer, or the space changed. */
  mismatch: string;
}

export type Variant = CompiledVariant | MismatchVariant;

/** Allocations one writer may fail at before we stop looking (MAX_FAILALLOC is 64). */
const MAX_K = 64;

function label(writers: readonly string[], v: MmVariant, orders: number): string {
  const parts: string[] = [];
  if (orders > 1) parts.push(`order ${v.order.map((i) => writers[i]).join(" then ")}`);
  if (v.fail !== undefined)
    parts.push(`allocation ${v.fail.k} of ${writers[v.order[v.fail.at]]} fails`);
  return parts.join("; ");
}

/** Every variant of the spec, compiled, in a fixed order (a token's first choice names one). */
export function compileVariants(
  name: string,
  e: MmExploreSpec,
  faults: readonly MmSelfTestFault[] = [],
): Variant[] {
  const writers = specWriters(e).map((w) => formatMmCommand(parseMmCommand(w, e.mms)));
  const orders = lockOrders(writers.length);
  const out: Variant[] = [];
  const add = (variant: MmVariant, compiled: MmCompiled): void => {
    const l = label(writers, variant, orders.length);
    if (l !== "") compiled.data.name = `${name} [${l}]`;
    out.push({ variant, label: l, compiled });
  };
  for (const order of orders) {
    add({ order }, compileMmScenario(name, e, { order }, faults));
    if (e.allocFailure !== "explore") continue;
    for (let at = 0; at < order.length; at++) {
      for (let k = 1; k <= MAX_K; k++) {
        const variant = { order, fail: { at, k } };
        let compiled: MmCompiled;
        try {
          compiled = compileMmScenario(name, e, variant, faults);
        } catch (err) {
          if (!(err instanceof MmExploreError)) throw err;
          // The failing writer's answer or leftovers are wrong: the first violation, reported.
          out.push({
            variant,
            label: label(writers, variant, orders.length),
            mismatch: err.message,
          });
          return out;
        }
        // The writer made fewer than k allocations: every failing one is covered.
        if (!compiled.failed) break;
        add(variant, compiled);
      }
    }
  }
  return out;
}

/** One variant again (a replay token's first choice). */
export function compileVariant(
  name: string,
  e: MmExploreSpec,
  index: number,
  faults: readonly MmSelfTestFault[] = [],
): Variant {
  const all = compileVariants(name, e, faults);
  const v = all[index];
  if (v === undefined) throw new RangeError(`variant ${index} of ${all.length}`);
  return v;
}
