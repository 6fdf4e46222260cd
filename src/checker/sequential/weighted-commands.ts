/**
 * fast-check's commands() over weighted arbitraries. commands() picks uniformly among the
 * arbitraries it is given, so a weight becomes repeats: round(2w) copies, at least one; a weight
 * of 0 or less leaves the command out.
 */
import fc from "fast-check";

export interface Weighted<C> {
  weight: number;
  arb: fc.Arbitrary<C>;
}

export function weightedCommands<Model extends object, Real>(
  weighted: readonly Weighted<fc.Command<Model, Real>>[],
  maxCommands: number,
  replayPath?: string,
): fc.Arbitrary<Iterable<fc.Command<Model, Real>>> {
  const arbs = weighted.flatMap(({ weight, arb }) =>
    weight <= 0 ? [] : Array.from({ length: Math.max(1, Math.round(weight * 2)) }, () => arb),
  );
  return fc.commands(arbs, {
    maxCommands,
    size: "max",
    ...(replayPath !== undefined && { replayPath }),
  });
}
