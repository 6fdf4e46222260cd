/** The mm layer: address spaces on the maple tree, in the kernel's vocabulary. */
export * from "./alloc-failure.js";
export * from "./brk.js";
export * from "./exit.js";
export * from "./expand-stack.js";
export * from "./fault.js";
export * from "./fork.js";
export * from "./lookups.js";
export * from "./mm-faults.js";
export * from "./mm-struct.js";
export * from "./mmap.js";
export * from "./mmap-lock.js";
export * from "./mprotect.js";
export * from "./munmap.js";
export * from "./validate-mm.js";
export * from "./vm-flags.js";
export * from "./vma.js";
export * from "./vma-tree.js";
