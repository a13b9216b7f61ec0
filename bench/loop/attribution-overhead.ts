/**
 * What attribution costs the ingest path: the same event stream inserted into two stores side by
 * side, batch by batch in alternating order, one with the loop attached (rewards joined to lists in
 * the insert transaction, roll-up deltas folded in) and one without. Both hold the same lists.
 */
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventInput } from '../../src/shared/contract';
import { LoopService } from '../../src/main/engine/loop/loop-service';
import { ImpressionLog } from '../../src/main/engine/ranking';
import { AuditLog, EventRepository, openDatabase } from '../../src/main/engine/store';
import { round, scratchDir, seeded } from './bench-util';

const SHOPPERS = 5000;
const LISTS_PER_SHOPPER = 4;
const ITEMS = 2000;
const K = 10;
const T0 = Date.UTC(2026, 0, 1);
const ZERO = { text: 0, visual: 0, behaviour: 0, popularity: 0, recency: 0, priceFit: 0, purchaseIntent: 0 };

interface Side {
  db: Database;
  events: EventRepository;
  loop?: LoopService;
  ms: number;
}

/** The store with the loop attached, and the lists logged through it. */
function openWithLoop(dir: string): Side {
  const db = openDatabase(join(dir, 'instinct.db'));
  const events = new EventRepository(db);
  const impressions = new ImpressionLog(db);
  const side: Side = { db, events, ms: 0, loop: new LoopService(db, { events, impressions, audit: new AuditLog(db), priceOf: () => 20, labelOf: (_d, k) => k }) };
  const random = seeded(7);
  const logLists = db.transaction(() => {
    for (let s = 0; s < SHOPPERS; s++) {
      for (let l = 0; l < LISTS_PER_SHOPPER; l++) {
        const items = Array.from({ length: K }, (_, i) => ({ itemId: `P${Math.floor(random() * ITEMS)}-${i}`, title: 't', position: i + 1, score: 1, propensity: 1, contributions: ZERO, rules: [], sources: ['ann'] }));
        impressions.write({ slot: 'home', shopperId: `U${s}`, sessionId: `U${s}-s`, coldStart: false, weightsVersion: 1, modelVersion: 'm', purchaseIntent: 0.1, experiment: null, tookMs: 1, createdAt: T0 + l * 60_000 + s, items });
      }
    }
  });
  logLists();
  return side;
}

/** The plain store, holding the very same lists (same ids) copied over. */
function openWithout(dir: string, from: string): Side {
  const db = openDatabase(join(dir, 'instinct.db'));
  db.prepare('ATTACH DATABASE ? AS source').run(join(from, 'instinct.db'));
  db.exec('INSERT INTO impressions SELECT * FROM source.impressions; DETACH DATABASE source');
  return { db, events: new EventRepository(db), ms: 0 };
}

/**
 * A shop's stream after those lists: per list, three views, a click on a shown item (70 % naming
 * the list), a cart add on one list in five and a purchase on one in twenty: reward events are
 * about 30 % of the stream, more than most shops see.
 */
function stream(db: Database, n: number): EventInput[] {
  const lists = db.prepare('SELECT impression_id AS id, shopper_id AS shopper, items FROM impressions ORDER BY rowid').all() as { id: string; shopper: string; items: string }[];
  const random = seeded(11);
  const out: EventInput[] = [];
  let t = T0 + 10 * 60_000;
  for (let i = 0; out.length < n; i++) {
    const list = lists[i % lists.length]!;
    const shown = (JSON.parse(list.items) as { itemId: string; position: number }[])[Math.floor(random() * K)]!;
    const base = { shopperId: list.shopper, sessionId: `${list.shopper}-s` };
    for (let v = 0; v < 3; v++) out.push({ type: 'view', ...base, itemId: `P${Math.floor(random() * ITEMS)}`, ts: (t += 7) });
    const named = random() < 0.7 ? { impressionId: list.id, position: shown.position } : {};
    out.push({ type: 'click', ...base, itemId: shown.itemId, ts: (t += 7), ...named });
    if (random() < 0.2) out.push({ type: 'add_to_cart', ...base, itemId: shown.itemId, ts: (t += 7), price: 20, quantity: 1, ...named });
    if (random() < 0.05) out.push({ type: 'purchase', ...base, itemId: shown.itemId, ts: (t += 7), price: 20, quantity: 1, ...named });
  }
  return out.slice(0, n);
}

export async function attributionOverhead(events: number): Promise<Record<string, number>> {
  const a = scratchDir('instinct-bench-attr-');
  const b = scratchDir('instinct-bench-plain-');
  const withLoop = openWithLoop(a.dir);
  const without = openWithout(b.dir, a.dir);
  try {
    const all = stream(without.db, events);
    const batch = 1000;
    const insert = (side: Side, slice: EventInput[]): void => {
      const t = performance.now();
      side.events.insertEvents(slice, { rejectWholeBatch: false });
      side.ms += performance.now() - t;
    };
    for (let i = 0, turn = 0; i < all.length; i += batch, turn++) {
      const slice = all.slice(i, i + batch);
      // Alternate which store goes first, so cache warmth and background noise fall on both.
      if (turn % 2 === 0) {
        insert(withLoop, slice);
        insert(without, slice);
      } else {
        insert(without, slice);
        insert(withLoop, slice);
      }
      // The loop writes its roll-ups about once a second in the engine: count that work too.
      if (turn % 50 === 49) {
        const t = performance.now();
        withLoop.loop?.flush();
        withLoop.ms += performance.now() - t;
      }
    }
    const t = performance.now();
    withLoop.loop?.flush();
    withLoop.ms += performance.now() - t;
    const rewards = (withLoop.db.prepare('SELECT count(*) AS n FROM rewards').get() as { n: number }).n;
    return {
      attribution_overhead_ratio: round(withLoop.ms / without.ms, 3),
      attribution_events: all.length,
      attribution_reward_events: rewards,
      ingest_events_per_s_with_attribution: Math.round(all.length / (withLoop.ms / 1000)),
      ingest_events_per_s_without_attribution: Math.round(all.length / (without.ms / 1000)),
    };
  } finally {
    withLoop.loop?.close();
    withLoop.db.close();
    without.db.close();
    a.remove();
    b.remove();
  }
}
