import { createHash } from 'node:crypto';

/** The contract's limit on every id (shopper, session, item, event). */
export const MAX_ID_LENGTH = 128;
const KEPT_PREFIX = 100;

/**
 * An id made from other ids, kept within MAX_ID_LENGTH: short ones as they are; long ones as a
 * readable prefix plus a hash of the whole, so they stay distinct and the same input always gives
 * the same id (a re-import or a restart derives it again).
 */
export function boundedId(text: string): string {
  if (text.length <= MAX_ID_LENGTH) return text;
  return `${text.slice(0, KEPT_PREFIX)}~${createHash('sha256').update(text).digest('base64url').slice(0, 16)}`;
}

/** The id of a session the store derives for a shopper's events (30-minute rule), from its start time. */
export function derivedSessionId(shopperId: string, startedAt: number): string {
  return boundedId(`${shopperId}~${startedAt.toString(36)}`);
}
