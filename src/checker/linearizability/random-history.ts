/**
 * arbitraryHistory: fast-check arbitrary of small concurrent histories, for testing checkers.
 *
 * It runs threads against the spec under a random interleaving: each operation is a call
 * event, an atomic effect (the spec step, which fixes the output) and a return event, so the
 * history it records is linearizable by construction. Then, optionally:
 *   perturb    replace a few outputs with random ones (the result may or may not stay
 *              linearizable; only a checker can tell),
 *   pending    stop the schedule early, leaving open operations without response (their
 *              effect may or may not have happened),
 *   ties       let an event share the time of the previous one, so closed intervals of
 *              different threads touch (a thread's own events never share a time).
 * Shrinking works through the underlying inputs, schedule and perturbations.
 */
import fc from "fast-check";
import type { Operation } from "./history.js";
import type { SequentialSpec } from "./spec.js";

export interface HistoryShape<Input, Output> {
  /** One input arbitrary per thread (thread t draws its inputs from threads[t]). */
  threads: fc.Arbitrary<Input>[];
  maxOpsPerThread: number;
  /** Random outputs used by perturbations; omit for no perturbation. */
  output?: fc.Arbitrary<Output>;
  /** At most this many outputs are perturbed (default 2). */
  maxPerturbations?: number;
  pending?: boolean;
  ties?: boolean;
}

/** The raw choices a history is simulated from. */
export interface HistoryPlan<Input, Output> {
  inputs: Input[][];
  schedule: number[];
  cut: boolean;
  /** tie[i]: the i-th call/return event may share the previous event's time. */
  tie: boolean[];
  perturbations: { at: number; output: Output }[];
}

export function arbitraryHistory<State, Input, Output>(
  spec: SequentialSpec<State, Input, Output>,
  shape: HistoryShape<Input, Output>,
): fc.Arbitrary<Operation<Input, Output>[]> {
  const maxEvents = 3 * shape.maxOpsPerThread * shape.threads.length;
  const plan = fc.record({
    inputs: fc.tuple(
      ...shape.threads.map((a) => fc.array(a, { maxLength: shape.maxOpsPerThread, size: "max" })),
    ),
    schedule: fc.array(fc.nat(), { maxLength: maxEvents, size: "max" }),
    cut: shape.pending ? fc.boolean() : fc.constant(false),
    tie: shape.ties ? fc.array(fc.boolean(), { maxLength: maxEvents }) : fc.constant([]),
    perturbations: shape.output
      ? fc.array(fc.record({ at: fc.nat(), output: shape.output }), {
          maxLength: shape.maxPerturbations ?? 2,
        })
      : fc.constant([]),
  });
  return plan.map((p) => simulate(spec, p as HistoryPlan<Input, Output>));
}

/** Runs the plan: each schedule number picks one of the threads that still have work. */
export function simulate<State, Input, Output>(
  spec: SequentialSpec<State, Input, Output>,
  plan: HistoryPlan<Input, Output>,
): Operation<Input, Output>[] {
  const threads = plan.inputs.map((inputs) => ({
    inputs,
    next: 0,
    phase: 0,
    open: undefined as Operation<Input, Output> | undefined,
    result: undefined as Output | undefined,
  }));
  const ops: Operation<Input, Output>[] = [];
  let state = spec.init;
  let event = 0;
  let now = -1;
  const lastTime = new Map<number, number>(); // per thread: its own events never share a time
  const time = (thread: number): number => {
    if (!(plan.tie[event++] && now >= 0 && lastTime.get(thread) !== now)) now++;
    lastTime.set(thread, now);
    return now;
  };
  for (let i = 0; ; i++) {
    const active = threads.filter((t) => t.next < t.inputs.length);
    if (active.length === 0) break;
    if (i >= plan.schedule.length && plan.cut) break;
    const t = active[i < plan.schedule.length ? plan.schedule[i] % active.length : 0];
    const thread = threads.indexOf(t);
    if (t.phase === 0) {
      t.open = { thread, call: time(thread), ret: undefined, input: t.inputs[t.next] };
      ops.push(t.open);
      t.phase = 1;
    } else if (t.phase === 1) {
      const next = spec.step(state, t.inputs[t.next]);
      state = next.state;
      t.result = next.output;
      t.phase = 2;
    } else {
      const op = t.open as Operation<Input, Output>;
      op.ret = time(thread);
      op.output = t.result;
      t.phase = 0;
      t.next++;
    }
  }
  const completed = ops.filter((op) => op.ret !== undefined);
  for (const { at, output } of plan.perturbations) {
    if (completed.length > 0) completed[at % completed.length].output = output;
  }
  return ops;
}
