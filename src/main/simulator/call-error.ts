import { ContractError, type MethodName } from '../../shared/contract';

/** An engine call of the simulator that failed, with the method it was and a kind to group by. */
export class SimulatorCallError extends Error {
  /** `<method> <code>`: `recommend internal`, `events.ingest bad_request`, `search network`. */
  readonly kind: string;

  constructor(
    readonly method: MethodName,
    override readonly cause: unknown,
  ) {
    const code = cause instanceof ContractError ? cause.code : 'network';
    super(`${method} failed (${code}): ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SimulatorCallError';
    this.kind = `${method} ${code}`;
  }
}

/** A kind for any error, so each is logged once: the call's kind, or the error's name. */
export function errorKind(err: unknown): string {
  if (err instanceof SimulatorCallError) return err.kind;
  return err instanceof Error ? err.name : typeof err;
}
