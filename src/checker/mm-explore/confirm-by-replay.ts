/**
 * An mm-explore counterexample is reported only after its own replay token gives it again, body
 * for body: a token that does not replay would send the user after a different run.
 */
import type { SpecOutcome } from "../run/outcome.js";
import { type ExploreToken, parseToken } from "../run/replay-token.js";

export function confirmByReplay(
  specName: string,
  outcome: SpecOutcome,
  replay: (token: ExploreToken) => SpecOutcome,
  harnessError: (message: string) => Error,
): void {
  const cx = outcome.counterexample;
  if (cx === undefined) return;
  const t = parseToken(cx.replayToken);
  if (t.mode !== "explore") throw harnessError("not an explore token");
  if (replay(t).counterexample?.body !== cx.body)
    throw harnessError(
      `${specName}: replaying ${cx.replayToken} did not give the same counterexample`,
    );
}
