/**
 * The held-out cases are cut into two halves by a hash of the session id: auto-tune searches the
 * **tuning** half only, and the figure the tuning page shows (and the publishing guard judges) is
 * on the **reporting** half, which no search has looked at. A session's half never changes as the
 * window moves, so a figure does not jump because cases swapped sides.
 */
export type ReplayHalf = 'tuning' | 'reporting';

/** FNV-1a of the session id; even → tuning, odd → reporting. */
export function halfOf(sessionId: string): ReplayHalf {
  let h = 0x811c9dc5;
  for (let i = 0; i < sessionId.length; i += 1) {
    h ^= sessionId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h & 1) === 0 ? 'tuning' : 'reporting';
}
