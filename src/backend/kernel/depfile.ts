/** The files one compile read, from the dependency file gcc writes with -MMD. */
export function parseDepfile(text: string): string[] {
  const body = text.replace(/\\\n/g, " ");
  const colon = body.indexOf(": ");
  if (colon < 0) return [];
  return body
    .slice(colon + 2)
    .split(/\s+/)
    .filter((p) => p.length > 0 && !p.endsWith(":"));
}
