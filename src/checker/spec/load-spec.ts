/**
 * Reading specs from disk. Every problem (unreadable file, bad JSON, a field that does not
 * fit the schema) becomes one SpecError whose message names the file and the field.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { checkSpecLines } from "./check-spec-lines.js";
import { Spec } from "./schema.js";
import { SpecError } from "./spec-error.js";

export { SpecError };

export function parseSpec(text: string, source: string): Spec {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SpecError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = Spec.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    throw new SpecError(`${source}: ${where}: ${issue.message}`);
  }
  const expectedName = basename(source).replace(/\.json$/, "");
  if (source.endsWith(".json") && parsed.data.name !== expectedName)
    throw new SpecError(
      `${source}: name: "${parsed.data.name}" must match the file name "${expectedName}"`,
    );
  checkSpecLines(parsed.data);
  return parsed.data;
}

export function loadSpecFile(path: string): Spec {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new SpecError(
      `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  return parseSpec(text, path);
}

/** Every *.json spec in a directory, in name order (the run order is part of determinism). */
export function loadSpecDir(dir: string): Spec[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".json"));
  } catch (e) {
    throw new SpecError(
      `${dir}: cannot read the spec directory (${(e as NodeJS.ErrnoException).code})`,
    );
  }
  return names.sort().map((n) => loadSpecFile(join(dir, n)));
}
