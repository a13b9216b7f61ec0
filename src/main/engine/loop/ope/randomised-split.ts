import type { Database } from 'better-sqlite3';

/**
 * The time that splits a slot's randomised lists in [from, to] so that `laterShare` of them come at
 * or after it: what learning or tuning leaves out, to estimate on lists it never saw. `to` when
 * there are none.
 */
export function randomisedSplit(db: Database, slot: string, from: number, to: number, laterShare: number): number {
  const where = "slot = ? AND created_at BETWEEN ? AND ? AND json_extract(policy, '$.kind') = 'randomised'";
  const n = (db.prepare(`SELECT count(*) AS n FROM impressions WHERE ${where}`).get(slot, from, to) as { n: number }).n;
  const at = db.prepare(`SELECT created_at AS t FROM impressions WHERE ${where} ORDER BY created_at LIMIT 1 OFFSET ?`).get(slot, from, to, Math.floor(n * (1 - laterShare))) as { t: number } | undefined;
  return at?.t ?? to;
}
