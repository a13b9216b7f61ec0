import { z } from 'zod';

export const ERROR_CODES = ['bad_request', 'unauthorized', 'forbidden', 'not_found', 'too_large', 'conflict', 'confirmation_required', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const FieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ErrorBody = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), issues: z.array(FieldIssue).optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The one error type that crosses a transport: a code, a sentence, and the fields at fault. */
export class ContractError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ContractError';
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.issues.length ? { issues: this.issues } : {}) } };
  }

  toEnvelope(): ErrorBody & { ok: false } {
    return { ok: false, ...this.toBody() };
  }

  static fromBody(body: ErrorBody): ContractError {
    return new ContractError(body.error.code, body.error.message, body.error.issues ?? []);
  }
}

/** Dotted path with array indices, e.g. `events.3.itemId`, matching what a user sees in their JSON. */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? '(root)' : path.map((p) => String(p)).join('.');
}

export function fromZodError(prefix: string, error: z.ZodError): ContractError {
  const issues = error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
  const first = issues[0];
  const where = first ? `${first.path}: ${first.message}` : 'invalid';
  return new ContractError('bad_request', `${prefix}: ${where}`, issues);
}
