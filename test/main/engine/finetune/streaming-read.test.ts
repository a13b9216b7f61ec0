import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCatalog, generateShopperEvents } from '../../../../src/main/engine/demo';
import { CatalogRepository, EventRepository, ItemVectorRepository, openDatabase } from '../../../../src/main/engine/store';
import { storeTrainingData, storeTrainingDataAsync, textTable, textTableAsync } from '../../../../src/main/engine/finetune/store-training-data';
import { catalogueAttributes, catalogueAttributesAsync } from '../../../../src/main/engine/finetune/catalogue-attributes';
import { readPackedSequences } from '../../../../src/main/engine/finetune/sequence-reader';
import { itemEventTokens, SEQUENCE_EVENT_TYPES, type ItemEvent } from '../../../../src/main/engine/training/data/session-events';
import type { EventInput } from '../../../../src/shared/contract';
import { tempDir } from '../../../helpers/temp-dir';

const T_END = Date.UTC(2026, 10, 1);

/**
 * The read before streaming, verbatim in substance: one query over the whole window, sorted by
 * shopper, time and arrival, one object per event of the current shopper. The reference the
 * streamed read must equal.
 */
function wholeRead(db: Database, window: { sinceTs: number; untilSeq: number }) {
  const itemIds = (db.prepare('SELECT item_id FROM items ORDER BY item_id').all() as { item_id: string }[]).map((r) => r.item_id);
  const index = new Map(itemIds.map((id, i) => [id, i]));
  const types = SEQUENCE_EVENT_TYPES.map((t) => `'${t}'`).join(', ');
  const rows = db
    .prepare(`SELECT shopper_id, item_id, type, ts FROM events WHERE type IN (${types}) AND item_id IS NOT NULL AND ts >= ? AND seq <= ? ORDER BY shopper_id, ts, seq`)
    .all(window.sinceTs, window.untilSeq) as { shopper_id: string; item_id: string; type: string; ts: number }[];
  const out: { shopper: string; items: number[]; types: number[]; gaps: number[] }[] = [];
  let current: ItemEvent[] = [];
  let shopper: string | null = null;
  let events = 0;
  const flush = () => {
    const t = itemEventTokens(current);
    if (t.items.length >= 2) out.push({ shopper: shopper!, items: [...t.items], types: [...t.events.types], gaps: [...t.events.gaps] });
    current = [];
  };
  for (const r of rows) {
    const item = index.get(r.item_id);
    if (item === undefined) continue;
    events++;
    if (r.shopper_id !== shopper) {
      flush();
      shopper = r.shopper_id;
    }
    current.push({ item, type: r.type, ts: r.ts });
  }
  flush();
  return { out, events, rows: rows.length };
}

describe('streaming read of the training sequences (issue 18)', () => {
  let env: ReturnType<typeof tempDir>;
  let db: Database;
  /** The most events (any type) one shopper has: a batch may exceed chunkRows by at most that. */
  let maxShopperEvents = 0;
  beforeAll(() => {
    env = tempDir();
    db = openDatabase(join(env.dir, 'store.db'));
    const catalog = generateCatalog({ seed: 5, count: 300 });
    new CatalogRepository(db).upsertItems(catalog);
    const events = new EventRepository(db);
    // 1,500 shoppers over two weeks (the demo's realistic sessions), plus the awkward cases: events of an
    // item not in the catalogue, immediate repeats, a shopper with one event, same-millisecond events.
    events.insertEvents(generateShopperEvents({ seed: 5, catalog, shoppers: 1500, startTs: T_END - 14 * 86_400_000, days: 14 }), { rejectWholeBatch: false, history: true });
    const extra: EventInput[] = [
      { type: 'view', shopperId: 'ZZ-odd', itemId: catalog[1]!.itemId, ts: T_END - 1000 },
      { type: 'view', shopperId: 'ZZ-odd', itemId: 'not-in-catalogue', ts: T_END - 900 },
      { type: 'view', shopperId: 'ZZ-odd', itemId: catalog[1]!.itemId, ts: T_END - 800 },
      { type: 'add_to_cart', shopperId: 'ZZ-odd', itemId: catalog[2]!.itemId, ts: T_END - 800 },
      { type: 'purchase', shopperId: 'ZZ-odd', itemId: catalog[3]!.itemId, ts: T_END - 700 },
      { type: 'view', shopperId: 'ZZ-lonely', itemId: catalog[4]!.itemId, ts: T_END - 500 },
    ];
    events.insertEvents(extra, { rejectWholeBatch: true, history: true });
    maxShopperEvents = (db.prepare('SELECT MAX(n) AS n FROM (SELECT COUNT(*) AS n FROM events GROUP BY shopper_id)').get() as { n: number }).n;
  }, 120_000);
  afterAll(() => {
    db.close();
    env.cleanup();
  });

  const latest = () => (db.prepare('SELECT MAX(seq) AS s FROM events').get() as { s: number }).s;

  // Broken variants this catches: batches cut inside a shopper (a sequence split in two), shoppers
  // skipped or read twice at a batch boundary, the window's bounds not applied, a different order.
  it.each([
    ['every event', () => ({ sinceTs: 0, untilSeq: latest() })],
    ['a window: the last 5 days, up to an earlier event', () => ({ sinceTs: T_END - 5 * 86_400_000, untilSeq: latest() - 2000 })],
  ])('gives exactly the sequences of the old whole read (%s), in many small batches', (_, windowOf) => {
    const window = windowOf();
    const reference = wholeRead(db, window);
    expect(reference.out.length).toBeGreaterThan(500);
    for (const chunkRows of [1, 97, 1000, 1_000_000]) {
      const data = storeTrainingData(db, new ItemVectorRepository(db), null, window, { chunkRows });
      expect(data.events).toBe(reference.events);
      expect(data.shopperIds).toEqual(reference.out.map((r) => r.shopper));
      expect(data.sequences.map((s) => [...s])).toEqual(reference.out.map((r) => r.items));
      expect(data.tokenEvents.map((e) => [...e.types])).toEqual(reference.out.map((r) => r.types));
      expect(data.tokenEvents.map((e) => [...e.gaps])).toEqual(reference.out.map((r) => r.gaps));
      if (chunkRows <= 1000) expect(data.read!.batches).toBeGreaterThan(5);
    }
    expect(reference.out.some((r) => r.shopper === 'ZZ-odd' && r.items.length === 3)).toBe(window.sinceTs === 0);
  });

  // Broken variant: one batch for the whole window (the old read) holds every row and fails the bound.
  it('never holds more than its bound: chunkRows + one shopper\'s events per batch', () => {
    const window = { sinceTs: 0, untilSeq: latest() };
    const total = wholeRead(db, window).rows;
    for (const chunkRows of [50, 500, 5000]) {
      const batches: number[] = [];
      const { stats, packed } = readPackedSequences(db, window, new Map((db.prepare('SELECT item_id FROM items ORDER BY item_id').pluck().all() as string[]).map((id, i) => [id, i])), { chunkRows, onBatch: (rows) => batches.push(rows) });
      expect(batches.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.max(...batches)).toBe(stats.maxRowsHeld);
      expect(stats.maxRowsHeld).toBeLessThan(chunkRows + maxShopperEvents);
      expect(stats.batches).toBeGreaterThanOrEqual(Math.floor(total / (chunkRows + maxShopperEvents)));
      // Compact: one Int32 per token in each of three arrays and an offset per shopper, no slack kept.
      expect(packed.items.length).toBe(packed.offsets[packed.offsets.length - 1]);
      expect(packed.types.length).toBe(packed.items.length);
      expect(packed.offsets.length).toBe(packed.shopperIds.length + 1);
    }
    expect(total).toBeGreaterThan(5 * (500 + maxShopperEvents));
  });

  // Broken variant: a read that does not yield (synchronous in the job) never lets the tick run between batches.
  it('yields to the event loop between batches in the job\'s async read, with the same result', async () => {
    const window = { sinceTs: 0, untilSeq: latest() };
    let ticks = 0;
    let batches = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    const ticksAtBatch: number[] = [];
    const data = await storeTrainingDataAsync(db, new ItemVectorRepository(db), null, window, { chunkRows: 2000, onBatch: () => ticksAtBatch.push(ticks + 0 * (batches += 1)) });
    clearInterval(timer);
    expect(batches).toBeGreaterThan(3);
    expect(new Set(ticksAtBatch).size).toBeGreaterThan(1);
    const sync = storeTrainingData(db, new ItemVectorRepository(db), null, window);
    expect(data.sequences.map((s) => [...s])).toEqual(sync.sequences.map((s) => [...s]));
  });

  // Broken variant: text vectors read in one piece (or a page dropped, or a vector put at the wrong row) fails one of these.
  it("reads the text vectors a page at a time, yielding between pages, into the same table as the whole read, with the same attributes", async () => {
    const vectors = new ItemVectorRepository(db);
    const itemIds = (db.prepare('SELECT item_id FROM items ORDER BY item_id').all() as { item_id: string }[]).map((r) => r.item_id);
    // Vectors for all but every seventh item (those get zeros), plus one for an item the catalogue does not hold.
    const rows = [...itemIds.filter((_, i) => i % 7 !== 3), 'zz-not-in-catalogue'].map((itemId, i) => ({ itemId, modelVersion: 'test-text', contentHash: 'h', vector: Float32Array.from({ length: 4 }, (_, d) => i * 10 + d) }));
    vectors.put(rows);
    const index = new Map(itemIds.map((id, i) => [id, i]));
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    const seen: number[] = [];
    const originalPage = vectors.page.bind(vectors);
    vectors.page = (version, after, limit) => {
      seen.push(ticks);
      return originalPage(version, after, 40);
    };
    const paged = await textTableAsync(vectors, 'test-text', itemIds, index);
    clearInterval(timer);
    const whole = textTable(new ItemVectorRepository(db), 'test-text', itemIds);
    expect(paged?.dim).toBe(4);
    expect(Array.from(paged!.vectors)).toEqual(Array.from(whole!.vectors));
    // Shared, so the training members' threads read it without a copy each.
    expect(paged!.vectors.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(seen.length).toBeGreaterThan(itemIds.length / 40);
    expect(new Set(seen).size).toBeGreaterThan(1);
    const window = { sinceTs: 0, untilSeq: latest() };
    const asyncData = await storeTrainingDataAsync(db, new ItemVectorRepository(db), 'test-text', window);
    const syncData = storeTrainingData(db, new ItemVectorRepository(db), 'test-text', window);
    expect(Array.from(asyncData.text!.vectors)).toEqual(Array.from(syncData.text!.vectors));
    expect(asyncData.attributes).toEqual(syncData.attributes);
    expect(asyncData.attributes).not.toBeNull();
    expect(await catalogueAttributesAsync(db, itemIds)).toEqual(catalogueAttributes(db, itemIds));
    // Slices that each read only their own id range: a row missed at a slice's edge changes the table.
    expect(await catalogueAttributesAsync(db, itemIds, 7)).toEqual(catalogueAttributes(db, itemIds));
  });
});
