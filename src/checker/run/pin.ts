/**
 * Explore specs that expect a violation pin what they find (the first reader operation whose
 * answer leaves the model, and that answer or `crash`, optionally with the crash's site
 * `crashIn`), so that a different bug in the same scenario fails the spec instead of passing
 * it; and each names its fixed twin, a spec that passes. The answer and the site are compared
 * on the TypeScript tree, the reader and line on both trees. The twin is checked when specs are loaded for a run; the pin after the spec ran.
 * A sequential spec may pin the validator violation its run must end on (ValidatorPin).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot } from "../../package-root.js";
import { loadSpecFile, SpecError } from "../spec/load-spec.js";
import type { Spec, ValidatorPin } from "../spec/schema.js";
import type { Counterexample, SpecOutcome } from "./outcome.js";

/** Whether the spec must carry a pin and a twin: a written-out explore spec expecting a violation. */
export function needsPin(spec: Spec): boolean {
  return (
    spec.mode === "explore" && spec.expect === "violation" && spec.explore?.generate === undefined
  );
}

/**
 * Checks a spec loaded from `dir`: the twin it names, when in `dir`, expects a pass. With
 * `strict` (the project's own specs/ folder) a spec that needsPin must have a pin and a twin,
 * and the twin must be there.
 * Throws a SpecError that names the spec.
 */
export function checkPinAndTwin(spec: Spec, dir: string, strict = false): void {
  if (strict && needsPin(spec) && spec.pin === undefined)
    throw new SpecError(
      `${spec.name}: an explore spec that expects a violation pins it: add "pin": {"reader", "line", "answer"}`,
    );
  if (strict && needsPin(spec) && spec.twin === undefined)
    throw new SpecError(
      `${spec.name}: an explore spec that expects a violation names its fixed twin ("twin")`,
    );
  if (spec.twin === undefined) return;
  const path = join(dir, `${spec.twin}.json`);
  if (!existsSync(path)) {
    // A spec copied alone into another folder may leave its twin behind.
    if (!strict) return;
    throw new SpecError(`${spec.name}: its twin ${spec.twin} is not a spec of ${dir}`);
  }
  const twin = loadSpecFile(path);
  if (twin.expect !== "pass")
    throw new SpecError(
      `${spec.name}: its twin ${spec.twin} must expect a pass, not a ${twin.expect}`,
    );
}

/** How a violation differs from the spec's pin, or undefined (no pin, no violation, or same). */
export function pinMismatch(spec: Spec, outcome: SpecOutcome): string | undefined {
  const pin = spec.pin;
  if (pin === undefined || outcome.verdict !== "violation") return undefined;
  if ("validate" in pin) return validatorPinMismatch(pin, outcome);
  const f = outcome.counterexample?.found;
  const want = answerText(pin);
  if (f === undefined)
    return `pinned ${want}, found no reader answer (${outcome.counterexample?.error ?? "?"})`;
  // The answer and the crash site are the TypeScript tree's: on the C tree words that are
  // addresses or poison print otherwise, and a crash names no site, so there the reader and
  // its line are what must match.
  const onTs = outcome.backend === undefined;
  const sameAnswer = !onTs || f.answer === pin.answer;
  const sameSite = !onTs || pin.crashIn === undefined || f.crashIn === pin.crashIn;
  if (f.reader === pin.reader && f.line === pin.line && sameAnswer && sameSite) return undefined;
  const unnamed = f.answer === "crash" && f.crashIn === undefined && pin.crashIn !== undefined;
  return `pinned ${want}, found ${answerText(f)}${unnamed ? " at a site it does not name" : ""}`;
}

/** Sets the outcome's pinMismatch and pinUnchecked for an explore spec run whole. */
export function judgeReaderPin(spec: Spec, outcome: SpecOutcome): void {
  const mismatch = pinMismatch(spec, outcome);
  if (mismatch !== undefined) outcome.pinMismatch = mismatch;
  const unchecked = pinUnchecked(spec, outcome);
  if (unchecked !== undefined) outcome.pinUnchecked = unchecked;
}

/** `reader \`line\` -> "answer"`, and ` in SITE` for a crash with a site. */
function answerText(a: NonNullable<Counterexample["found"]>): string {
  const site = a.answer === "crash" && a.crashIn !== undefined ? ` in ${a.crashIn}` : "";
  return `${a.reader} \`${a.line}\` -> "${a.answer}"${site}`;
}

/**
 * What a pin leaves unchecked on the tree the spec ran on, said in the run's report. A pinned
 * `crashIn` is the TypeScript tree's site: the C tree's signal names at most the innermost C
 * function it stopped in (`SIGSEGV: at ma_dead_node:563`, an inline helper the TypeScript tree
 * has no frame for), so the site is compared on the TypeScript tree only.
 */
export function pinUnchecked(spec: Spec, outcome: SpecOutcome): string | undefined {
  const pin = spec.pin;
  if (pin === undefined || "validate" in pin || pin.crashIn === undefined) return undefined;
  if (outcome.backend === undefined || outcome.verdict !== "violation") return undefined;
  const cSite = /: at ([A-Za-z_]\w*):\d+/.exec(outcome.counterexample?.error ?? "")?.[1];
  const here =
    cSite === undefined ? "this tree's crash names no site" : `this tree stopped in ${cSite}`;
  return `the pinned crash site ${pin.crashIn} (the TypeScript tree's) is not compared: ${here}`;
}

/** Whether `dir` is the project's own specs/ folder (held to the strict check). */
export function isProjectSpecs(dir: string): boolean {
  return resolve(dir) === resolve(packageRoot(), "specs");
}

/**
 * A sequential pin: the run ended on the validator with the pinned first violation (and, on the
 * TypeScript tree, the pinned text of it). The C tree's oracle prints only the key.
 */
function validatorPinMismatch(pin: ValidatorPin, outcome: SpecOutcome): string | undefined {
  const v = outcome.counterexample?.validation;
  const want = pin.says === undefined ? pin.validate : `${pin.validate} "${pin.says}"`;
  if (v === undefined)
    return `pinned the validator's ${want}, found ${outcome.counterexample?.error ?? "?"}`;
  const sameText = pin.says === undefined || outcome.backend !== undefined || v.text === pin.says;
  if (v.key === pin.validate && sameText) return undefined;
  return `pinned the validator's ${want}, found ${v.key} "${v.text}"`;
}
