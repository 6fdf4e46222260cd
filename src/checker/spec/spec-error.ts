/** A spec that cannot run as written: one line naming the file and the field. */
export class SpecError extends Error {
  readonly code = "MAPLE_CHECK_SPEC_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "SpecError";
  }
}
