/**
 * The kernel's deterministic maple tree tests (lib/test_maple_tree.c and
 * tools/testing/radix-tree/maple.c), ported as traces: each one, run through the TypeScript
 * trace runner, must print exactly what the kernel oracle printed for it.
 */
import { describeFixtureSuite } from "../conformance/fixture-files.js";

describeFixtureSuite("kernel test-suite ports", "kernel-suites");
