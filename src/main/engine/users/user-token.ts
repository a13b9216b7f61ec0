import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A user's token: `<id>.<secret>`. The id finds the row; the secret is what proves it. */
export function newUserToken(): { id: string; token: string } {
  const id = randomBytes(6).toString('hex');
  return { id, token: `${id}.${randomBytes(24).toString('base64url')}` };
}

/** What the store keeps of a token: its sha256, hex. A 192-bit random secret needs no slow hash. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The id part of a token, or undefined when it does not have the shape of one. */
export function tokenId(token: string): string | undefined {
  const match = /^([0-9a-f]{12})\.[A-Za-z0-9_-]{32}$/.exec(token);
  return match?.[1];
}

/** Compares the token's hash with the stored one in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
