#!/usr/bin/env node
/** The `maple-check` binary: runs the program on the command line and sets the exit code. */
import { ExitCode } from "./exit-codes.js";
import { main } from "./program.js";

// A reader that stops early (`| head`) closes the pipe: end quietly, as other tools do.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? ExitCode.pass);
  throw e;
});

main(process.argv.slice(2)).then(
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
