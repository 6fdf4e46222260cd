/**
 * The explore runner the tests record with, built once per test file from linux 6.12 (see
 * ../kernel-tree-for-tests.ts: without a tree the suites skip, saying so in one line), and
 * the two seed-bug scenarios of specs/ recorded on both trees.
 */
import { join } from "node:path";
import {
  buildExploreRunner,
  type ExploreRunnerBuild,
} from "../../../../src/backend/kernel/explore/build-explore.js";
import {
  type KernelWriterRecording,
  recordKernelWriter,
} from "../../../../src/backend/kernel/explore/record-writer.js";
import { recordWriter, type WriterLog } from "../../../../src/checker/explorer/writer-log.js";
import { compileScenario, specScenario } from "../../../../src/checker/scenario/index.js";
import type { ScenarioData } from "../../../../src/checker/scenario/scenario-data.js";
import { loadSpecFile } from "../../../../src/checker/spec/load-spec.js";
import { resetNodeIds } from "../../../../src/impl/node.js";
import { kernelTreeForTests } from "../kernel-tree-for-tests.js";

export const kernelDir = kernelTreeForTests("6.12");

let build: ExploreRunnerBuild | undefined;
export function exploreRunner(): ExploreRunnerBuild {
  build ??= buildExploreRunner(kernelDir as string);
  return build;
}

export const BUILD_TIMEOUT = 300_000;

export function seedScenario(rcu: "off" | "on"): ScenarioData {
  const file = join(import.meta.dirname, `../../../../specs/explore-seed-bug-rcu-${rcu}.json`);
  return specScenario(loadSpecFile(file));
}

export function recordOnC(d: ScenarioData): KernelWriterRecording {
  return recordKernelWriter(exploreRunner().binary, d);
}

export function recordOnTs(d: ScenarioData): WriterLog {
  resetNodeIds();
  return recordWriter(compileScenario(d).scenario).log;
}
