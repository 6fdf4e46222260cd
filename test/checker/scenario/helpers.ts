/** Specs of specs/ and variants of them for the scenario tests. */
import { loadSpecFile } from "../../../src/checker/spec/load-spec.js";
import { Spec } from "../../../src/checker/spec/schema.js";

export function specNamed(name: string): Spec {
  return loadSpecFile(`specs/${name}.json`);
}

/** A spec with fields replaced (parsed again, so defaults apply). */
export function variant(name: string, change: (json: Record<string, any>) => void): Spec {
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
