/**
 * The `--name value` options of the benchmark and measurement scripts (they take a few numbers
 * and a kernel folder; anything else on the line is a positional name).
 */
const args = process.argv.slice(2);

/** The value after `--name`, or undefined when the option is absent. */
export function option(name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The number after `--name`, or dflt when the option is absent. */
export function numberOption(name: string, dflt: number): number {
  const v = option(name);
  return v === undefined ? dflt : Number(v);
}

/** The arguments that are neither an option nor an option's value. */
export function positionals(): string[] {
  return args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
}
