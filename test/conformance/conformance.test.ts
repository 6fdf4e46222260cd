/**
 * Conformance: every trace of test/fixtures/conformance, run through the TypeScript trace
 * runner, must print exactly what the kernel oracle printed for it (the `.expected` file).
 */
import { describeFixtureSuite } from "./fixture-files.js";

describeFixtureSuite("conformance fixtures", "conformance");
