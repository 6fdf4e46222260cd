/** Specs of specs/ and variants of them for the scenario tests. */
import { loadSpecFile } from "../../../src/checker/spec/load-spec.js";
import { Spec } from "../../../src/checker/spec/schema.js";

export function specNamed(name: string): Spec {
  return loadSpecFile(`specs/${name}.json`);
}

/** A spec as loose JSON, for tests that change a field or two. */
// biome-ignore lint/suspicious/noExplicitAny: test JSON is edited freely and parsed again
type SpecJson = Record<string, any>;

/** A spec with fields replaced (parsed again, so defaults apply). */
export function variant(name: string, change: (json: SpecJson) => void): Spec {
  const json = JSON.parse(JSON.stringify(specNamed(name)));
  change(json);
  return Spec.parse(json);
}

/** A generated-scenario spec on an RCU tree with a planted fault. */
export function plantedFaultSpec(fault: string, seed = 7): Spec {
  return variant("explore-generated-rcu", (j) => {
    j.name = "planted-fault";
    j.expect = "violation";
    j.tree.faults = [fault];
    j.explore.generate = { ...j.explore.generate, seed, runs: 60 };
  });
}
