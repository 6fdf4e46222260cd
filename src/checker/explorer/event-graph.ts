/**
 * The happens-before graph of one execution. Nodes are events (writer stores and markers,
 * reader reads and operation boundaries); an edge a -> b says a happens before b. Writer
 * events are added once (program order, with unordered copy blocks and floating RCU free
 * segments); each execution adds its reader events on top and removes them again.
 *
 * An execution is possible under sequential consistency exactly when the graph stays acyclic
 * (a total order of all events exists). A read that returns the value of store s adds
 * s -> read and read -> (the next store to that word): reads-from and from-read edges.
 */
export class EventGraph {
  private readonly adj: number[][] = [];
  private staticNodes = 0;
  private staticDegree: number[] = [];
  private mark = new Int32Array(256);
  private epoch = 0;

  get size(): number {
    return this.adj.length;
  }

  addNode(): number {
    this.adj.push([]);
    return this.adj.length - 1;
  }

  addEdge(from: number, to: number): void {
    this.adj[from].push(to);
  }

  successors(node: number): readonly number[] {
    return this.adj[node];
  }

  /** Everything added so far belongs to the writer and survives reset(). */
  freeze(): void {
    this.staticNodes = this.adj.length;
    this.staticDegree = this.adj.map((a) => a.length);
  }

  /** Drop the nodes and edges added since freeze(). */
  reset(): void {
    this.adj.length = this.staticNodes;
    for (let i = 0; i < this.staticNodes; i++) this.adj[i].length = this.staticDegree[i];
  }

  /** Whether some node of `targets` is reachable from some node of `sources` (or is one). */
  reachesAny(sources: readonly number[], targets: readonly number[]): boolean {
    if (sources.length === 0 || targets.length === 0) return false;
    if (this.mark.length < this.adj.length) this.mark = new Int32Array(this.adj.length * 2);
    this.epoch++;
    if (this.epoch === 0x7fffffff) {
      this.mark.fill(0);
      this.epoch = 1;
    }
    const target = -this.epoch;
    for (const t of targets) this.mark[t] = target;
    const stack: number[] = [];
    for (const s of sources) {
      if (this.mark[s] === target) return true;
      if (this.mark[s] !== this.epoch) {
        this.mark[s] = this.epoch;
        stack.push(s);
      }
    }
    while (stack.length > 0) {
      const v = stack.pop() as number;
      for (const w of this.adj[v]) {
        const m = this.mark[w];
        if (m === target) return true;
        if (m !== this.epoch) {
          this.mark[w] = this.epoch;
          stack.push(w);
        }
      }
    }
    return false;
  }

  /**
   * A total order of all nodes respecting the edges (Kahn's algorithm). Nodes belong to
   * classes (threads); among the events that may go next, one of the class that comes first in
   * `classOrder` goes first, ties by node number.
   */
  topologicalOrder(classOf: (node: number) => number, classOrder: readonly number[]): number[] {
    const n = this.adj.length;
    const indeg = new Int32Array(n);
    for (const succ of this.adj) for (const w of succ) indeg[w]++;
    const rank = new Int32Array(classOrder.length);
    classOrder.forEach((c, i) => {
      rank[c] = i;
    });
    // One min-heap of ready nodes per class rank.
    const heaps: number[][] = classOrder.map(() => []);
    const push = (v: number): void => heapPush(heaps[rank[classOf(v)]], v);
    for (let v = 0; v < n; v++) if (indeg[v] === 0) push(v);
    const order: number[] = [];
    for (;;) {
      let h = 0;
      while (h < heaps.length && heaps[h].length === 0) h++;
      if (h === heaps.length) break;
      const v = heapPop(heaps[h]);
      order.push(v);
      for (const w of this.adj[v]) if (--indeg[w] === 0) push(w);
    }
    if (order.length !== n) throw new Error("event graph has a cycle");
    return order;
  }
}

function heapPush(heap: number[], v: number): void {
  let i = heap.length;
  heap.push(v);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (heap[p] <= v) break;
    heap[i] = heap[p];
    i = p;
  }
  heap[i] = v;
}

function heapPop(heap: number[]): number {
  const top = heap[0];
  const last = heap.pop() as number;
  if (heap.length > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const c = l + 1 < heap.length && heap[l + 1] < heap[l] ? l + 1 : l;
      if (heap[c] >= last) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
  }
  return top;
}
