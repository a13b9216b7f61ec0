import { createHash } from 'node:crypto';

/**
 * How the audit log names an erased shopper: the first 16 hex digits of sha256(id). Whoever still
 * has the id can check that it was erased; the log itself holds no id (docs/PRIVACY.md).
 */
export function shopperHash(shopperId: string): string {
  return createHash('sha256').update(shopperId, 'utf8').digest('hex').slice(0, 16);
}
