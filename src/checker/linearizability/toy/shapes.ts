/**
 * History shapes for the toy specs, shared by the tests and scripts/bench-linearizability.ts:
 * `mixed` (three threads doing any operation), and `oneWriter` (thread 0 writes, the other
 * threads only read) where the spec has read-only operations.
 */
import fc from "fast-check";
import type { HistoryShape } from "../random-history.js";
import type { QueueInput, QueueOutput } from "./queue.js";
import type { RangeMapInput, RangeMapOutput } from "./range-map.js";
import type { RegisterInput, RegisterOutput } from "./register.js";
import type { RegisterMapInput, RegisterMapOutput } from "./register-map.js";

const small = fc.integer({ min: 0, max: 3 });

const registerWrite: fc.Arbitrary<RegisterInput> = fc
  .integer({ min: 1, max: 3 })
  .map((value) => ({ kind: "write", value }));
const registerRead: fc.Arbitrary<RegisterInput> = fc.constant({ kind: "read" });
const registerOutput: fc.Arbitrary<RegisterOutput> = fc.oneof(small, fc.constant(null));

const index = fc.bigInt({ min: 0n, max: 8n });
const value = fc.constantFrom("a", "b", null);
const rangeStore: fc.Arbitrary<RangeMapInput> = fc
  .record({
    first: fc.bigInt({ min: 0n, max: 6n }),
    length: fc.bigInt({ min: 0n, max: 3n }),
    value,
  })
  .map(({ first, length, value }) => ({ kind: "store", first, last: first + length, value }));
const rangeRead: fc.Arbitrary<RangeMapInput> = fc.oneof(
  index.map((i): RangeMapInput => ({ kind: "load", index: i })),
  index.map((i): RangeMapInput => ({ kind: "walk", index: i })),
);
const rangeOutput: fc.Arbitrary<RangeMapOutput> = fc.oneof(
  value,
  fc.record({
    first: fc.bigInt({ min: 0n, max: 4n }),
    last: fc.bigInt({ min: 4n, max: 9n }),
    value,
  }),
);

const enqueue: fc.Arbitrary<QueueInput> = fc
  .integer({ min: 1, max: 3 })
  .map((v) => ({ kind: "enqueue", value: v }));
const queueOp: fc.Arbitrary<QueueInput> = fc.oneof(
  enqueue,
  fc.constant<QueueInput>({ kind: "dequeue" }),
);
const queueOutput: fc.Arbitrary<QueueOutput> = fc.oneof(small, fc.constant(null));

/** Three threads of up to four operations each, pending operations and time ties allowed. */
function mixed<Input, Output>(
  op: fc.Arbitrary<Input>,
  output: fc.Arbitrary<Output>,
): HistoryShape<Input, Output> {
  return { threads: [op, op, op], maxOpsPerThread: 4, output, pending: true, ties: true };
}

/** A writer thread (up to four writes) and two reader threads (up to three reads each). */
function oneWriter<Input, Output>(
  write: fc.Arbitrary<Input>,
  read: fc.Arbitrary<Input>,
  output: fc.Arbitrary<Output>,
): HistoryShape<Input, Output> {
  return { threads: [write, read, read], maxOpsPerThread: 4, output, pending: true, ties: true };
}

export const registerShapes = {
  mixed: mixed(fc.oneof(registerWrite, registerRead), registerOutput),
  oneWriter: oneWriter(registerWrite, registerRead, registerOutput),
};

export const rangeMapShapes = {
  mixed: mixed(fc.oneof(rangeStore, rangeRead), rangeOutput),
  oneWriter: oneWriter(rangeStore, rangeRead, rangeOutput),
};

export const queueShapes = {
  mixed: mixed(queueOp, queueOutput),
};

const key = fc.integer({ min: 0, max: 2 });
const mapOp: fc.Arbitrary<RegisterMapInput> = fc.oneof(
  fc
    .record({ key, value: fc.integer({ min: 1, max: 3 }) })
    .map(({ key, value }): RegisterMapInput => ({ kind: "write", key, value })),
  key.map((k): RegisterMapInput => ({ kind: "read", key: k })),
);

export const registerMapShapes = {
  mixed: mixed<RegisterMapInput, RegisterMapOutput>(mapOp, registerOutput),
};
