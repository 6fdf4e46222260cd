#!/usr/bin/env node
/** The `maple-check` binary: runs the program on the command line and sets the exit code. */
import { ExitCode } from "./exit-codes.js";
import { main } from "./program.js";

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
