import type { Database } from 'better-sqlite3';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateCatalog } from '../../../../src/main/engine/demo';
import { indexPaths, RetrievalService, StoreVectorSource } from '../../../../src/main/engine/retrieval';
import { CatalogRepository, EventRepository, ItemVectorRepository, openDatabase } from '../../../../src/main/engine/store';
import { tempDir } from '../../../helpers/temp-dir';
import { clusteredVectors } from './synthetic-vectors';

const MODEL = 'test-encoder@0:int8';
const DIMS = 32;
const quiet = { info: () => undefined, warn: () => undefined };

describe('RetrievalService', () => {
  let db: Database;
  let dir: string;
  let cleanup: () => void;
  let vectors: ItemVectorRepository;
  const catalog = generateCatalog({ seed: 7, count: 400 });
  const itemVectors = clusteredVectors(catalog.length, DIMS, 12, 3);

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    db = openDatabase(join(dir, 'instinct.db'));
    new CatalogRepository(db).upsertItems(catalog);
    vectors = new ItemVectorRepository(db);
    vectors.put(catalog.map((item, i) => ({ itemId: item.itemId, modelVersion: MODEL, contentHash: 'h', vector: itemVectors[i]! })));
  });
  afterEach(() => {
    db.close();
    cleanup();
  });

  const service = (exactBelow = 100): RetrievalService =>
    new RetrievalService(db, new StoreVectorSource(db, MODEL, DIMS), { indexDir: join(dir, 'indexes'), vectorIndex: { exactBelow }, log: quiet });

  it('rebuilds when there is no saved index, then loads the saved one without a rebuild', () => {
    const first = service();
    expect(first.load()).toMatchObject({ index: 'rebuilt', items: 400 });
    expect(first.save()).toBe(true);
    expect(first.save()).toBe(false); // nothing changed since
    const second = service();
    const report = second.load();
    expect(report).toMatchObject({ index: 'loaded', items: 400, caughtUp: 0 });
    expect(second.index.usesAnn).toBe(true);
    const q = itemVectors[10]!;
    expect(second.annCandidates(q, 10)).toEqual(first.annCandidates(q, 10));
  });

  it('falls back to a rebuild, with the reason, when the index file is corrupt, truncated or from another model', () => {
    const first = service();
    first.load();
    first.save();
    const paths = indexPaths(join(dir, 'indexes'), MODEL);

    appendFileSync(paths.ann, 'garbage');
    const corrupt = service().load();
    expect(corrupt.index).toBe('rebuilt');
    expect(corrupt.reason).toMatch(/\.ann: size \d+ bytes, manifest says/);

    first.upsertItemVectors([{ itemId: catalog[0]!.itemId, vector: itemVectors[1]! }]);
    first.save();
    const bytes = readFileSync(paths.vec);
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(paths.vec, bytes);
    expect(service().load().reason).toMatch(/checksum does not match/);

    writeFileSync(paths.manifest, '{"format": 1, "modelVersion": "other"');
    expect(service().load().reason).toMatch(/not JSON/);

    const other = new RetrievalService(db, new StoreVectorSource(db, 'other-model', DIMS), { indexDir: join(dir, 'indexes'), log: quiet });
    expect(other.load()).toMatchObject({ index: 'rebuilt', items: 0 });
  });

  it('catches up on vectors written after the save and on item updates', () => {
    const first = service();
    first.load();
    first.save();
    const moved = catalog[3]!.itemId;
    vectors.put([{ itemId: moved, modelVersion: MODEL, contentHash: 'h2', vector: itemVectors[200]! }]);
    const second = service();
    const report = second.load();
    expect(report.index).toBe('loaded');
    expect(report.caughtUp).toBeGreaterThanOrEqual(1);
    expect(second.similar(catalog[200]!.itemId, 1)[0]).toMatchObject({ itemId: moved });
  });

  it('finds similar items, leaving the item itself out', () => {
    const s = service(10_000);
    s.load();
    const similar = s.similar(catalog[5]!.itemId, 5);
    expect(similar).toHaveLength(5);
    expect(similar.map((h) => h.itemId)).not.toContain(catalog[5]!.itemId);
    expect(s.similar('no-such-item', 5)).toEqual([]);
  });

  it('replays stored events at load and follows new ones through observe', () => {
    const events = new EventRepository(db);
    const [a, b, c] = catalog.map((i) => i.itemId);
    events.insertEvents(
      [
        { type: 'view', shopperId: 'u1', sessionId: 's1', itemId: a!, ts: 1000 },
        { type: 'view', shopperId: 'u1', sessionId: 's1', itemId: b!, ts: 2000 },
        { type: 'add_to_cart', shopperId: 'u1', sessionId: 's1', itemId: b!, ts: 3000 },
      ],
      { rejectWholeBatch: true },
    );
    const s = service();
    expect(s.load().events).toBe(3);
    expect(s.coVisited([a!], 5).map((n) => n.itemId)).toEqual([b]);
    expect(s.popular(1)[0]!.itemId).toBe(b);
    expect(s.popularityOf(b!)).toBeCloseTo(1 + 3, 3); // view + cart, 1-2 s apart on a 7-day half-life
    expect(s.popularityOf('never-seen')).toBe(0);
    const outcome = events.insertEvents([{ type: 'purchase', shopperId: 'u1', sessionId: 's1', itemId: c!, ts: 4000 }], { rejectWholeBatch: true });
    for (const e of outcome.stored) s.observe(e);
    expect(s.coVisited([b!], 5)[0]!.itemId).toBe(c);
    expect(s.trending(1)[0]!.itemId).toBe(c);
    const category = catalog[2]!.category!;
    expect(s.popular(5, category).map((p) => p.itemId)).toContain(c);
  });

  it('fuses keyword and semantic hits with both ranks, and honours filters on both sides', () => {
    const s = service();
    s.load();
    const target = catalog[42]!;
    const word = target.title.split(' ').find((w) => w.length > 4)!;
    const hits = s.searchHybrid(word, itemVectors[42], 20);
    expect(hits.length).toBeGreaterThan(0);
    const hit = hits.find((h) => h.itemId === target.itemId)!;
    expect(hit.semanticRank).toBe(1);
    expect(hit.lexicalRank).not.toBeNull();
    expect(hit.score).toBeCloseTo(1 / 61 + 1 / (60 + hit.lexicalRank!), 12);
    expect(hits.every((h) => h.lexicalRank !== null || h.semanticRank !== null)).toBe(true);

    const keywordOnly = s.searchHybrid(word, undefined, 20);
    expect(keywordOnly.every((h) => h.semanticRank === null && h.lexicalRank !== null)).toBe(true);

    const cheap = s.searchHybrid(word, itemVectors[42], 20, { priceMax: 20, inStockOnly: true });
    const price = new Map(catalog.map((i) => [i.itemId, i]));
    expect(cheap.every((h) => price.get(h.itemId)!.price! <= 20 && price.get(h.itemId)!.inStock !== false)).toBe(true);
    expect(s.searchHybrid('"NEAR -*', itemVectors[0], 5).every((h) => h.lexicalRank === null)).toBe(true);

    // The keyword half searched first (while a query is embedded) fuses to the same hits; it is used
    // only with a vector (without one, items with some of the words fill up instead).
    for (const filters of [undefined, { priceMax: 20, inStockOnly: true }]) {
      const half = s.searchKeywordHalf(word, 20, filters);
      expect(s.searchHybrid(word, itemVectors[42], 20, filters, undefined, half)).toEqual(s.searchHybrid(word, itemVectors[42], 20, filters));
    }
    const stranger = [{ itemId: catalog[7]!.itemId, score: 3, rank: 1 }];
    expect(s.searchHybrid(word, itemVectors[42], 20, undefined, undefined, stranger).filter((h) => h.lexicalRank !== null).map((h) => h.itemId)).toEqual([catalog[7]!.itemId]);
    expect(s.searchHybrid(word, undefined, 20, undefined, undefined, stranger)).toEqual(keywordOnly);
  });
});
