/** A reader's memory for tests that stop it mid-walk to run a write. */
import { DIRECT_MEMORY, type NodeMemory } from "../../../src/impl/memory.js";

/** Memory that runs `interrupt` once, just before the reader's read number `at`. */
export class InterruptingMemory implements NodeMemory {
  reads = 0;
  at = -1;
  interrupt: (() => void) | null = null;
  fired = false;
  private inside = false;
  private tick(): void {
    if (this.inside || this.fired || this.reads++ !== this.at || !this.interrupt) return;
    this.inside = true;
    this.fired = true;
    this.interrupt();
    this.inside = false;
  }
  read: NodeMemory["read"] = (n, w) => {
    this.tick();
    return DIRECT_MEMORY.read(n, w);
  };
  write: NodeMemory["write"] = (n, w, v) => DIRECT_MEMORY.write(n, w, v);
  readRoot: NodeMemory["readRoot"] = (r) => {
    this.tick();
    return DIRECT_MEMORY.readRoot(r);
  };
  writeRoot: NodeMemory["writeRoot"] = (r, v) => DIRECT_MEMORY.writeRoot(r, v);
}
