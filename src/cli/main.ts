#!/usr/bin/env node
/** The `maple-check` binary: runs the program on the command line and sets the exit code. */
import { fileURLToPath } from "node:url";
import { ExitCode } from "./exit-codes.js";
import { main } from "./program.js";
import { shouldSupervise, supervise } from "./supervise.js";

// A reader that stops early (`| head`) closes the pipe: end quietly, as other tools do.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? ExitCode.pass);
  throw e;
});

const argv = process.argv.slice(2);
// Long runs go to a child, so that a signal mid-run restores the terminal (supervise.ts).
if (shouldSupervise(argv))
  supervise(fileURLToPath(import.meta.url), argv).then((code) => {
    process.exitCode = code;
  });
else
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(
        `maple-check: internal error: ${e instanceof Error ? e.stack : String(e)}\n`,
      );
      process.exitCode = ExitCode.usage;
    },
  );
