/**
 * Named faults: historic maple tree mistakes that can be switched on per tree instance
 * (TreeOptions.faults), never globally. Each one re-creates the original bug in the code
 * path where it lived.
 */
export const FAULTS = {
  /** wr_append chosen even in RCU mode (fixed in 6.5 by cfeb6ae8bcb9). */
  appendInRcu: "append-in-rcu",
  /** wr_node_store rewrites the live node in place even in RCU mode. */
  nodeStoreInPlaceInRcu: "node-store-in-place-in-rcu",
} as const;

export type Fault = (typeof FAULTS)[keyof typeof FAULTS];

export const ALL_FAULTS: readonly Fault[] = Object.values(FAULTS);
