/**
 * A tree backend that records what the mm layer sends: every protocol line of every session,
 * in order, beside the tree that answers it. The first session is the mm's own tree (mm_mt);
 * later ones are side trees (munmap's detach tree) that readers never see. A hook sees each
 * line before it is sent, while the mm is as the layer left it for that store.
 */
import type { SessionOptions, TreeBackend, TreeSession } from "../../backend/backend.js";
import type { TraceLine } from "../../trace/ops.js";

export class RecordingBackend implements TreeBackend {
  readonly name;
  readonly description;
  /** Lines sent to each session, in the order the sessions were opened. */
  readonly sessions: string[][] = [];
  /** Called with each line before it is sent (the session's index, the line's text). */
  onLine?: (session: number, text: string) => void;

  constructor(private readonly inner: TreeBackend) {
    this.name = inner.name;
    this.description = inner.description;
  }

  notApplicable(tree: { geometry: string; faults: readonly string[] }): string | undefined {
    return this.inner.notApplicable(tree);
  }

  supports(name: string): boolean {
    return this.inner.supports(name);
  }

  open(options: SessionOptions): TreeSession {
    const session = this.inner.open(options);
    const lines: string[] = [];
    const index = this.sessions.push(lines) - 1;
    const onLine = (text: string): void => this.onLine?.(index, text);
    return {
      run(line: TraceLine, text: string, check: boolean): string {
        onLine(text);
        lines.push(text);
        return session.run(line, text, check);
      },
      lastCheck: () => session.lastCheck(),
      leaves: () => session.leaves(),
    };
  }

  close(): void {
    this.inner.close();
  }
}
