/** A spec's explore block (and its tree) as scenario data. */
import type { ExploreSpec, ReaderThreadSpec, Spec, TreeSpec } from "../spec/schema.js";
import type { ReaderData, ScenarioData } from "./scenario-data.js";

export function readerData(r: ReaderThreadSpec): ReaderData {
  if (Array.isArray(r)) return { kind: "rcu", lines: r };
  return { ...(r.name !== undefined && { name: r.name }), kind: r.kind, lines: r.lines };
}

export function treeData(tree: TreeSpec): Pick<ScenarioData, "flags" | "geometry" | "faults"> {
  return {
    flags: { alloc: tree.flags.includes("alloc"), rcu: tree.flags.includes("rcu") },
    geometry: tree.geometry,
    faults: tree.faults,
  };
}

/** The written-out scenario of an explore spec (not a generated one). */
export function scenarioData(name: string, tree: TreeSpec, e: ExploreSpec): ScenarioData {
  return {
    name,
    ...treeData(tree),
    prefix: e.prefix,
    writer: e.writer ?? [],
    readers: (e.readers ?? []).map(readerData),
    order: e.order,
  };
}

export function specScenario(spec: Spec): ScenarioData {
  if (spec.explore === undefined) throw new Error(`${spec.name}: no explore block`);
  return scenarioData(spec.name, spec.tree, spec.explore);
}
