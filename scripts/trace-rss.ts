/**
 * Peak memory of `maple-check trace` on a long trace: writes a trace of LINES operation lines
 * (default 10^6) to a temporary file, runs `node dist/src/cli/main.js trace FILE` as a child
 * under /usr/bin/time -v, and prints the child's peak RSS (its maximum resident set size).
 *
 * The trace works on a bounded key space (4096 indices), so the tree stays small: what grows
 * with the trace's length is only what the command itself keeps.
 *
 *   npm run build && node dist/scripts/trace-rss.js [LINES]
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../src/package-root.js";

const KEYS = 4096;

/** A deterministic mix of writes, reads and cursor steps over KEYS indices. */
function writeTrace(path: string, lines: number): void {
  const fd = openSync(path, "w");
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 8;
  };
  let chunk = "";
  for (let i = 0; i < lines; i++) {
    const r = next();
    const k = (r % KEYS) * 16;
    switch (r % 7) {
      case 0:
      case 1:
        chunk += `store ${k} ${k + (r % 15)} ${(r % 1000) + 1}\n`;
        break;
      case 2:
        chunk += `erase ${k}\n`;
        break;
      case 3:
        chunk += `load ${k}\n`;
        break;
      case 4:
        chunk += `find ${k} max\n`;
        break;
      case 5:
        chunk += `mset ${k}\n`;
        break;
      default:
        chunk += "mnext max\n";
    }
    if (chunk.length > 1 << 16) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

function main(): void {
  const lines = Number(process.argv[2] ?? 1_000_000);
  if (!Number.isSafeInteger(lines) || lines < 1)
    throw new Error(`bad line count ${process.argv[2]}`);
  const cli = join(packageRoot(), "dist", "src", "cli", "main.js");
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  if (!existsSync("/usr/bin/time")) throw new Error("/usr/bin/time (GNU time) is needed");
  const dir = mkdtempSync(join(tmpdir(), "maple-check-trace-rss-"));
  try {
    const trace = join(dir, "long.trace");
    writeTrace(trace, lines);
    const start = Date.now();
    // stdout goes to /dev/null: the pipe's speed is not what is measured.
    const r = spawnSync("/usr/bin/time", ["-v", process.execPath, cli, "trace", trace], {
      stdio: ["ignore", "ignore", "pipe"],
      maxBuffer: 1 << 26,
    });
    const seconds = (Date.now() - start) / 1000;
    const report = r.stderr.toString();
    const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
    const status = /Exit status: (\d+)/.exec(report);
    if (kb === null) throw new Error(`no peak RSS in /usr/bin/time's report:\n${report}`);
    console.log(
      `trace of ${lines} lines: peak RSS ${(Number(kb[1]) / 1024).toFixed(1)} MB, exit ${status?.[1] ?? r.status}, ${seconds.toFixed(1)} s`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
