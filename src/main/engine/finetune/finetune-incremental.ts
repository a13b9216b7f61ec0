import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { SEQUENCE_EVENT_TYPES } from '../training/data/session-events';
import { ensembleFiles } from './ensemble-manifest';
import { assertSameCatalogue } from './continue-from';
import type { IntentModelRegistry } from './intent-model-registry';

/**
 * A store with more item events than this (all time, the store's running counts) is "large": a
 * job that does not say `fromServing` continues the serving version on the recent window instead
 * of training from scratch on everything (issue 18). At 1,000,000 events a from-scratch run reads
 * and trains on every shopper's history each time, while the serving version already knows it.
 */
export const LARGE_STORE_ITEM_EVENTS = 1_000_000;
/** The recent window of an incremental run chosen by default, when the request names none. */
export const INCREMENTAL_WINDOW_DAYS = 30;

/** The store's item events of the sequence types, from the running per-type counts (no scan of events). */
export function storeItemEvents(db: Database): number {
  const marks = SEQUENCE_EVENT_TYPES.map(() => '?').join(', ');
  return (db.prepare(`SELECT COALESCE(SUM(n), 0) AS n FROM event_counts WHERE type IN (${marks})`).get(...SEQUENCE_EVENT_TYPES) as { n: number }).n;
}

/** The time of the newest event to arrive (by its number: no scan of the events). */
function newestEventTs(db: Database): number {
  return (db.prepare('SELECT ts FROM events ORDER BY seq DESC LIMIT 1').get() as { ts: number } | undefined)?.ts ?? Date.now();
}

export interface IncrementalChoice {
  fromServing: boolean;
  windowDays?: number;
  /** Set when the request left `fromServing` out: what was chosen and why. */
  reason?: string;
}

/**
 * `fromServing` when the request left it out: incremental on the `INCREMENTAL_WINDOW_DAYS` days up
 * to the newest event (or the request's window) when the store is large, a version serves and it was trained on
 * the catalogue as it is now; from scratch otherwise. A request that says `fromServing` gets it.
 */
export function chooseIncremental(
  d: { db: Database; registry: IntentModelRegistry; largeStoreItemEvents?: number },
  params: { fromServing?: boolean; windowDays?: number },
  itemIds: () => readonly string[],
  now = Date.now(),
): IncrementalChoice {
  const given = params.windowDays !== undefined ? { windowDays: params.windowDays } : {};
  if (params.fromServing !== undefined) return { fromServing: params.fromServing, ...given };
  const limit = d.largeStoreItemEvents ?? LARGE_STORE_ITEM_EVENTS;
  const n = storeItemEvents(d.db);
  if (n <= limit) return { fromServing: false, ...given, reason: `from scratch: the store has ${n} item events (incremental by default above ${limit})` };
  const base = d.registry.serving();
  if (!base) return { fromServing: false, ...given, reason: `from scratch: the store is large (${n} item events > ${limit}) but no version serves yet` };
  try {
    const files = ensembleFiles(d.registry.pathOf(base.version));
    const first = files.models[0];
    if (first === undefined || !existsSync(first.replace(/\.model$/, '.ckpt'))) return { fromServing: false, ...given, reason: `from scratch: the store is large (${n} item events > ${limit}) but ${base.version} has no training checkpoint to continue` };
    assertSameCatalogue(files.items, itemIds(), `${base.version} was trained`, 'train from scratch');
  } catch {
    return { fromServing: false, ...given, reason: `from scratch: the store is large (${n} item events > ${limit}) but ${base.version} cannot be continued (its files are missing or the catalogue changed since it was trained)` };
  }
  if (params.windowDays !== undefined) return { fromServing: true, windowDays: params.windowDays, reason: `incremental: the store is large (${n} item events > ${limit}), so this run continues ${base.version} on the last ${params.windowDays} days` };
  // The recent window ends at the newest event (a store whose events stopped a while ago still has a recent window).
  const windowDays = INCREMENTAL_WINDOW_DAYS + Math.max(0, Math.floor((now - newestEventTs(d.db)) / 86_400_000));
  return { fromServing: true, windowDays, reason: `incremental: the store is large (${n} item events > ${limit}), so this run continues ${base.version} on the ${INCREMENTAL_WINDOW_DAYS} days up to the newest event (windowDays ${windowDays})` };
}
