/**
 * The `--name value` options of the benchmark and measurement scripts (they take a few numbers
 * and a kernel folder; anything else on the line is a positional name).
 */
import { parseArgs } from "node:util";

const args = process.argv.slice(2);

/** Exit code of bad input, as the CLI's (src/cli/exit-codes.ts). */
const USAGE_EXIT = 4;

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(USAGE_EXIT);
}

/**
 * Call first: `--help` prints usage; an option not in names, or one without its value, is one
 * error line and exit 4 (a mistyped flag must not start an hour-long run with the defaults).
 */
export function acceptOnly(names: readonly string[], usage: string): void {
  if (args.includes("--help")) {
    console.log(usage);
    process.exit(0);
  }
  try {
    parseArgs({
      args,
      options: Object.fromEntries(names.map((n) => [n, { type: "string" as const }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    // parseArgs's own text names the option first, then advice for positionals we do not need.
    const first = (e as Error).message.split(". ")[0];
    fail(`${first} (options: ${names.map((n) => `--${n} VALUE`).join(", ")})`);
  }
}

/** The value after `--name`, or undefined when the option is absent. */
export function option(name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The number after `--name`, or dflt when the option is absent. */
export function numberOption(name: string, dflt: number): number {
  const v = option(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n)) fail(`--${name} takes a number, not ${JSON.stringify(v)}`);
  return n;
}

/** The arguments that are neither an option nor an option's value. */
export function positionals(): string[] {
  return args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
}
