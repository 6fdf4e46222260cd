/** The address-space model: mappings and what the mm operations do to them. */
export * from "./lookups.js";
export * from "./mapping.js";
export * from "./ops.js";
export * from "./space.js";
