import type { ErrorCode, RpcEnvelope } from '../../../shared/contract';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  // A known user whose role does not allow the method (src/shared/contract/roles.ts).
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  conflict: 409,
  // A guarded change that is worse than what serves, sent without a reason: ask the operator.
  confirmation_required: 428,
  internal: 500,
};

export function statusOf(envelope: RpcEnvelope): number {
  return envelope.ok ? 200 : STATUS[envelope.error.code];
}
