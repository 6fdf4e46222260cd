import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { specHash } from "../../../src/checker/run/spec-hash.js";
import { loadSpecFile } from "../../../src/checker/spec/load-spec.js";
import { cli, type Ran, SPECS, specDir, tmp, variant } from "./helpers.js";

/** Exit 4, one line on stderr naming the problem, no stack trace. */
function oneLine(r: Ran, pattern: RegExp): void {
  expect(r.code).toBe(4);
  const lines = r.err.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.err).not.toMatch(/\n\s+at |internal error/);
}

const OK = ["explore-guard-gap-rcu-on"];

describe("maple-check run: bad flags", () => {
  it.each([
    [["--seed", "abc"], /bad --seed "abc": expected a whole number/],
    [
      ["--seed", "-1"],
      /^maple-check: bad --seed "-1": expected a whole number from 0 to 4294967295$/,
    ],
    [["--seed", "4294967296"], /bad --seed "4294967296": expected a whole number from 0 to/],
    [["--runs", "0"], /bad --runs "0": expected a whole number of at least 1/],
    [
      ["--budget", "soon"],
      /bad budget "soon": expected a time \(30s, 2m, 500ms, 1h\) or executions \(100000x\)/,
    ],
    [["--budget", "0x"], /bad budget "0x": executions must be a positive whole number/],
    [["--shard", "3/2"], /bad shard "3\/2": i must be 1\.\.2/],
    [["--shard", "one"], /bad shard "one": expected i\/N/],
    [["--frobnicate"], /unknown option '--frobnicate'/],
  ])("run %j", async (flags, pattern) => {
    oneLine(await cli("run", "--specs", specDir(OK), ...flags), pattern);
  });
});

describe("maple-check run: bad specs", () => {
  it("a file that is not JSON", async () => {
    oneLine(
      await cli("run", "--specs", specDir(OK, { broken: "{ nope" })),
      /broken\.json: not valid JSON/,
    );
  });
  it("a field that does not fit the schema", async () => {
    const dir = specDir([], variant("bad-expect", "explore-guard-gap-rcu-on", { expect: "maybe" }));
    oneLine(await cli("run", "--specs", dir), /bad-expect\.json: expect: /);
  });
  it("a name that does not match the file", async () => {
    const dir = specDir([], {
      "other-name": {
        ...(variant("x", "explore-guard-gap-rcu-on", {}).x as object),
        name: "not-other",
      },
    });
    oneLine(
      await cli("run", "--specs", dir),
      /other-name\.json: name: "not-other" must match the file name "other-name"/,
    );
  });
  it("a validator pin that is not KIND:check:line, or on a spec that is not sequential", async () => {
    const badKey = specDir(
      [],
      variant("bad-pin", "seq-small-plain", { pin: { validate: "mas_validate_limits" } }),
    );
    oneLine(await cli("run", "--specs", badKey), /bad-pin\.json: pin\.validate: KIND:check:line/);
    const onExplore = specDir(
      [],
      variant("explore-pin", "explore-guard-gap-rcu-on", {
        pin: { validate: "WARN:mas_validate_limits:7545" },
      }),
    );
    oneLine(
      await cli("run", "--specs", onExplore),
      /explore-pin\.json: pin: a sequential spec pins its validator violation/,
    );
  });
  it("a crash site pinned on an answer that is not a crash", async () => {
    const dir = specDir(
      [],
      variant("site-no-crash", "explore-guard-gap-rcu-on", {
        pin: { reader: "r", line: "load 1", answer: "null", crashIn: "mas_prev_slot" },
      }),
    );
    oneLine(
      await cli("run", "--specs", dir),
      /site-no-crash\.json: pin\.crashIn: only a pinned crash \(`"answer": "crash"`\) has a site/,
    );
  });
  it("an unknown fault", async () => {
    const dir = specDir(
      [],
      variant("bad-fault", "seq-small-plain", {
        tree: { flags: [], geometry: "small", faults: ["no-such-fault"] },
      }),
    );
    oneLine(
      await cli("run", "--specs", dir, "--runs", "2"),
      /bad-fault: unknown fault: no-such-fault/,
    );
  });
  it("a scenario line that does not parse", async () => {
    const base = variant("bad-line", "explore-guard-gap-rcu-on", {})["bad-line"] as {
      explore: Record<string, unknown>;
    };
    const dir = specDir([], {
      "bad-line": { ...base, explore: { ...base.explore, writer: ["frob 1 2"] } },
    });
    oneLine(
      await cli("run", "--specs", dir),
      /bad-line: explore.writer.0: "frob 1 2" is not an operation of the protocol \(unknown-op\)/,
    );
  });
  it("a spec named that does not exist, and a missing folder", async () => {
    oneLine(
      await cli("run", "--specs", specDir(OK), "no-such-spec"),
      /no-such-spec: no spec of that name in /,
    );
    oneLine(
      await cli("run", "--specs", "/nonexistent/specs"),
      /\/nonexistent\/specs: cannot read the spec directory \(ENOENT\)/,
    );
  });
  it("a report that cannot be written", async () => {
    oneLine(
      await cli("run", "--specs", specDir(OK), "--json", "/nonexistent/dir/r.json"),
      /cannot write the JSON report '\/nonexistent\/dir\/r\.json': ENOENT/,
    );
  });
});

describe("maple-check replay: bad tokens", () => {
  const guardGap = specHash(loadSpecFile(join(SPECS, "explore-guard-gap-rcu-on.json")));
  it.each([
    ["garbage", /not a replay token: "garbage"/],
    ["seq:seq-small-plain@0123456789ab:notanumber:1", /not a replay token/],
    ["explore:x@0123456789ab:u:1.a", /not an explore replay token/],
    [
      "explore:no-such-spec@0123456789ab:u:0",
      /the token names spec no-such-spec, but there is no .*: replay it with the --specs folder it was found in/,
    ],
    [
      `seq:explore-guard-gap-rcu-on@${guardGap}:1:0@`,
      /explore-guard-gap-rcu-on is an explore spec; the token is a sequential one/,
    ],
    // A token without the spec's hash: from an older maple-check, or cut short before it.
    ["explore:explore-guard-gap-rcu-on:u:0.0.0", /not a replay token: .*cut short/],
    [
      "explore:explore-guard-gap-rcu-on@0123456789ab:u:0",
      /^maple-check: spec hash mismatch: the token was found with another version of spec explore-guard-gap-rcu-on \(hash 0123456789ab; this one's is [0-9a-f]{12}\)/,
    ],
    [`explore:explore-guard-gap-rcu-on@${guardGap}:u:0.-1`, /choice -1: index out of range/],
    [
      `explore:explore-guard-gap-rcu-on@${guardGap}:u:18446744073709551616`,
      /choice 18446744073709551616: index out of range/,
    ],
  ])("%s", async (token, pattern) => {
    oneLine(await cli("replay", "--specs", specDir(OK), token), pattern);
  });
});

describe("maple-check merge: bad certificates", () => {
  it("not JSON, not a certificate, a missing file", async () => {
    const d = tmp();
    writeFileSync(join(d, "a.json"), "{");
    writeFileSync(join(d, "b.json"), JSON.stringify({ format: "something-else" }));
    oneLine(await cli("merge", join(d, "a.json")), /a\.json: not a certificate: not valid JSON/);
    oneLine(await cli("merge", join(d, "b.json")), /b\.json: not a certificate: format: /);
    oneLine(
      await cli("merge", join(d, "none.json")),
      /cannot read certificate '.*none\.json': no such file/,
    );
  });
});
