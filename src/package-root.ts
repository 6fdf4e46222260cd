/**
 * The maple-check package's own folder (specs/, native/): above src/ under vitest, above
 * dist/src when built; and the specs folder a command runs when it is given none.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).name === "maple-check") {
      root = dir;
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error("maple-check's package.json not found above its code");
    dir = up;
  }
}

/** Where the specs of a run come from: --specs, ./specs of the current folder, or the package's. */
export interface SpecsFolder {
  dir: string;
  from: "flag" | "current folder" | "package";
}

/**
 * `--specs DIR` when given; else `./specs` of `cwd` when it is a folder (a project that
 * depends on maple-check runs its own specs), else the specs maple-check ships.
 */
export function specsFolder(flag?: string, cwd: string = process.cwd()): SpecsFolder {
  if (flag !== undefined) return { dir: flag, from: "flag" };
  const own = join(cwd, "specs");
  if (existsSync(own) && statSync(own).isDirectory()) return { dir: own, from: "current folder" };
  return { dir: join(packageRoot(), "specs"), from: "package" };
}

/** The line under a run's table that says which folder ran. */
export function specsFolderLine(f: SpecsFolder): string {
  if (f.from === "flag") return `specs folder: ${f.dir}`;
  if (f.from === "current folder") return "specs folder: ./specs (the current folder's)";
  return `specs folder: ${f.dir} (maple-check's own: the current folder has no specs/)`;
}
