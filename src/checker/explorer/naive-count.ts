/** Counting interleavings without reduction, as bigints (they outgrow numbers quickly). */

export function factorial(n: number): bigint {
  let r = 1n;
  for (let i = 2n; i <= BigInt(n); i++) r *= i;
  return r;
}

/** (a1 + ... + ak)! / (a1! ... ak!): the interleavings of k sequential threads of these lengths. */
export function multinomial(lengths: readonly number[]): bigint {
  let total = 0;
  let r = 1n;
  for (const n of lengths) {
    // Choose the positions of this thread's steps among all steps so far: C(total + n, n).
    for (let i = 1; i <= n; i++) r = (r * BigInt(total + i)) / BigInt(i);
    total += n;
  }
  return r;
}

/**
 * The naive interleaving count of a scenario: the writer's steps and every reader's steps
 * interleaved freely, times the orders of every unordered copy block.
 */
export function naiveInterleavings(
  writerSteps: number,
  readerSteps: readonly number[],
  blocks: readonly number[],
): bigint {
  let r = multinomial([writerSteps, ...readerSteps]);
  for (const b of blocks) r *= factorial(b);
  return r;
}
