import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let counter = 0;
// One getrandom call per 256 ids rather than one per id.
const pool = Buffer.alloc(16 * 256);
let poolAt = pool.length;

/**
 * A UUIDv7 (RFC 9562): time-ordered, so generated ids append to the end of the id index instead
 * of landing at random pages, which keeps ingest fast as the store grows. A per-millisecond counter
 * in the random bits keeps ids from one process in creation order.
 */
export function newEventId(now = Date.now()): string {
  if (now === lastMs) counter++;
  else {
    lastMs = now;
    counter = 0;
  }
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const b = Buffer.from(pool.subarray(poolAt, (poolAt += 16)));
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | ((counter >> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
