/** A value that cannot be used, with the field it came from (reported as the row's field). */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}
