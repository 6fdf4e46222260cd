/**
 * The kernel backend could not be set up: not a kernel tree, a missing compiler or library,
 * a maple_tree.c that does not compile. One line for the user; the CLI exits 4.
 */
export class KernelBuildError extends Error {
  /** The CLI turns MAPLE_CHECK_* errors into one line and exit 4. */
  readonly code = "MAPLE_CHECK_KERNEL_BUILD";
  constructor(message: string) {
    super(message);
    this.name = "KernelBuildError";
  }
}
