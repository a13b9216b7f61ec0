import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ItemCache } from '../../../../src/main/engine/recommend/item-cache';
import { COMMON_DOCS, KeywordPostings, PATCH_MAX_DOCS, type MatchTree } from '../../../../src/main/engine/retrieval/keyword-postings';
import { BM25_WEIGHTS, LexicalSearch } from '../../../../src/main/engine/retrieval/lexical-search';
import { planMatch, planTree, type LexicalPlan, type QueryGroup } from '../../../../src/main/engine/retrieval/query-plan';
import { CatalogRepository, openDatabase } from '../../../../src/main/engine/store';
import type { CatalogItem } from '../../../../src/shared/contract';

/** Words that share prefixes ("lamp*" takes lamp, lamps, lampshade), so prefix lists merge several words. */
const WORDS = ['lamp', 'lamps', 'lampshade', 'desk', 'desks', 'oak', 'steel', 'with', 'home', 'homeware', 'red'];

const itemArb = fc.record({
  title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
  brand: fc.option(fc.constantFrom('Oak', 'Lampco', 'Steel Works'), { nil: undefined }),
  category: fc.option(fc.constantFrom('Home > Lamps', 'Home > Desks', 'Garden'), { nil: undefined }),
  attributes: fc.option(fc.record({ colour: fc.constantFrom('red', 'oak', 'white'), finish: fc.constantFrom('steel', 'matte') }, { requiredKeys: [] }), { nil: undefined }),
});

const groupArb: fc.Arbitrary<QueryGroup> = fc.record({
  typed: fc.array(fc.constantFrom(...WORDS, 'lam', 'hom', 'nothing'), { minLength: 1, maxLength: 2 }),
  synonyms: fc.array(fc.constantFrom(...WORDS).map((w) => [w]), { maxLength: 1 }),
  corrections: fc.array(fc.constantFrom(...WORDS), { maxLength: 2 }),
  prefix: fc.boolean(),
});

const planArb: fc.Arbitrary<LexicalPlan> = fc.array(groupArb, { minLength: 1, maxLength: 3 }).map((groups) => ({ groups }));

const OPTIONS = [{ corrections: false }, { corrections: true }, { corrections: true, any: true }] as const;

function ftsRanked(db: Database, match: string, k: number): { doc: number; bm25: number }[] {
  return db
    .prepare(`SELECT rowid AS doc, bm25(item_search, ${BM25_WEIGHTS.join(', ')}) AS bm25 FROM item_search WHERE item_search MATCH ? ORDER BY bm25 LIMIT ?`)
    .all(match, k) as { doc: number; bm25: number }[];
}

function ftsMatched(db: Database, match: string, limit: number): number[] {
  return db.prepare('SELECT rowid FROM item_search WHERE item_search MATCH ? LIMIT ?').pluck().all(match, limit) as number[];
}

/** Every pass of the plan, every k and limit: the lists' answers equal FTS5's to the last bit of each score. */
function expectSameAsFts(db: Database, postings: KeywordPostings, plan: LexicalPlan): void {
  for (const opts of OPTIONS) {
    const tree = planTree(plan, opts);
    const match = planMatch(plan, opts)!;
    expect(tree).toBeDefined();
    expect(postings.load(tree!)).toBe(true);
    for (const k of [1, 3, 50, -1]) expect(postings.rank(tree!, k)).toEqual(ftsRanked(db, match, k));
    for (const limit of [0, 2, 20_000, -1]) expect(postings.matched(tree!, limit)).toEqual(ftsMatched(db, match, limit));
  }
}

describe('keyword postings (BM25 from posting lists in memory)', () => {
  let db: Database | undefined;
  afterEach(() => db?.close());

  it('ranks and matches exactly as FTS5 (scores, tie order, prefixes, corrections, any-word), after upserts of changed and new items, deletes and a reload', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 120 }),
        fc.array(planArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(200), itemArb), { minLength: 1, maxLength: 12 }),
        (generated, plans, writes) => {
          const fdb = openDatabase(':memory:');
          try {
            const catalog = new CatalogRepository(fdb);
            const cache = new ItemCache();
            catalog.upsertItems(generated.map((g, i) => ({ itemId: `i${i}`, ...g })));
            cache.load(catalog.all());
            const postings = new KeywordPostings(fdb, cache, BM25_WEIGHTS);
            for (const plan of plans) expectSameAsFts(fdb, postings, plan);
            // Writes: changed texts of existing items and new items, followed through the item cache's change log.
            const written: CatalogItem[] = writes.map(([n, g]) => ({ itemId: `i${n}`, ...g }));
            catalog.upsertItems(written);
            cache.upsert(written.map((w) => catalog.get(w.itemId)!));
            const loads = postings.stats.loads;
            for (const plan of plans) {
              for (const opts of OPTIONS) {
                const tree = planTree(plan, opts)!;
                const match = planMatch(plan, opts)!;
                // Answered from the lists held, patched (rank gives undefined for a list not held).
                for (const k of [1, 50, -1]) expect(postings.rank(tree, k)).toEqual(ftsRanked(fdb, match, k));
                expect(postings.matched(tree, -1)).toEqual(ftsMatched(fdb, match, -1));
              }
            }
            expect(postings.stats.loads).toBe(loads); // nothing read again
            // Deleted items (not something the engine does; a store edited by hand): told through the cache, every list is dropped.
            const gone = written.slice(0, 2).map((w) => catalog.get(w.itemId)!);
            fdb.prepare('DELETE FROM items WHERE item_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(gone.map((g) => g.itemId)));
            cache.upsert(gone);
            for (const plan of plans) expectSameAsFts(fdb, postings, plan);
            // A reload: every list dropped and read again.
            cache.load(catalog.all());
            for (const plan of plans) expectSameAsFts(fdb, postings, plan);
          } finally {
            fdb.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('patches the lists it holds when an item gains or loses a word, without reading them again', () => {
    db = openDatabase(':memory:');
    const catalog = new CatalogRepository(db);
    const cache = new ItemCache();
    catalog.upsertItems([
      { itemId: 'a', title: 'oak desk lamp' },
      { itemId: 'b', title: 'steel desk' },
      { itemId: 'c', title: 'lampshade with red trim' },
    ]);
    cache.load(catalog.all());
    const postings = new KeywordPostings(db, cache, BM25_WEIGHTS);
    const plan: LexicalPlan = { groups: [{ typed: ['desk'], synonyms: [], corrections: [], prefix: false }, { typed: ['lamp'], synonyms: [], corrections: [], prefix: true }] };
    const tree = planTree(plan, { corrections: false })!;
    expect(postings.load(tree)).toBe(true);
    const loads = postings.stats.loads;
    const docOf = (id: string): number => db!.prepare('SELECT doc_id FROM item_search_docs WHERE item_id = ?').pluck().get(id) as number;
    expect(postings.matched(tree, -1)).toEqual([docOf('a')]);
    // b gains "lamps" (a prefix match), a loses "desk", d is new.
    const written: CatalogItem[] = [
      { itemId: 'b', title: 'steel desk lamps' },
      { itemId: 'a', title: 'oak lamp' },
      { itemId: 'd', title: 'desk lampshade desk' },
    ];
    catalog.upsertItems(written);
    cache.upsert(written.map((w) => catalog.get(w.itemId)!));
    expect(postings.matched(tree, -1)).toEqual([docOf('b'), docOf('d')].sort((x, y) => x - y));
    expect(postings.rank(tree, -1)).toEqual(ftsRanked(db, planMatch(plan, { corrections: false })!, -1));
    expect(postings.stats.loads).toBe(loads);
  });

  it('answers an index whose every item is gone from memory too: nothing, as FTS5 says (found by the property above)', () => {
    db = openDatabase(':memory:');
    const catalog = new CatalogRepository(db);
    const cache = new ItemCache();
    catalog.upsertItems([{ itemId: 'a', title: 'lamp' }]);
    cache.load(catalog.all());
    const postings = new KeywordPostings(db, cache, BM25_WEIGHTS);
    const plan: LexicalPlan = { groups: [{ typed: ['lamp'], synonyms: [], corrections: [], prefix: false }] };
    const tree = planTree(plan, { corrections: false })!;
    expect(postings.load(tree)).toBe(true);
    const gone = catalog.get('a')!;
    db.prepare("DELETE FROM items WHERE item_id = 'a'").run();
    cache.upsert([gone]);
    expect(postings.load(tree)).toBe(true);
    expect(ftsRanked(db, planMatch(plan, { corrections: false })!, -1)).toEqual([]);
    expect(postings.rank(tree, -1)).toEqual([]);
    expect(postings.matched(tree, -1)).toEqual([]);
  });

  it('drops every list when more docs changed at once than it patches, and answers as FTS5 after reading them again', () => {
    db = openDatabase(':memory:');
    const catalog = new CatalogRepository(db);
    const cache = new ItemCache();
    const many = Array.from({ length: PATCH_MAX_DOCS + 1 }, (_, i): CatalogItem => ({ itemId: `m${i}`, title: i % 2 === 0 ? 'oak desk' : 'steel lamp' }));
    catalog.upsertItems(many.slice(0, 10));
    cache.load(catalog.all());
    const postings = new KeywordPostings(db, cache, BM25_WEIGHTS);
    const plan: LexicalPlan = { groups: [{ typed: ['desk'], synonyms: [], corrections: [], prefix: false }] };
    const tree = planTree(plan, { corrections: false })!;
    postings.load(tree);
    expect(postings.stats.lists).toBe(1);
    catalog.upsertItems(many);
    cache.upsert(many.map((w) => catalog.get(w.itemId)!));
    expect(postings.rank(tree, 5)).toBeUndefined(); // lists dropped; the query goes to FTS5 (rare: nothing scheduled)
    expect(postings.stats.lists).toBe(0);
    expectSameAsFts(db, postings, plan);
  });

  it('leaves a query to FTS5 while more doc lengths are unknown than it reads itself, and answers once the read-ahead has read them', async () => {
    db = openDatabase(':memory:');
    const catalog = new CatalogRepository(db);
    const cache = new ItemCache();
    catalog.upsertItems(Array.from({ length: 4500 }, (_, i): CatalogItem => ({ itemId: `o${i}`, title: `oak desk ${i % 7 === 0 ? 'oak' : 'drawer'}` })));
    cache.load(catalog.all());
    const postings = new KeywordPostings(db, cache, BM25_WEIGHTS);
    const tree: MatchTree = { phrases: [{ word: 'oak', prefix: false }], root: { phrase: 0 } };
    expect(postings.load(tree)).toBe(true);
    expect(postings.rank(tree, 10)).toBeUndefined(); // 4,500 lengths unknown, the read-ahead not run yet
    expect(postings.matched(tree, 5)).toEqual(ftsMatched(db, '"oak"', 5)); // the matched set needs no lengths
    let ranked: ReturnType<KeywordPostings['rank']>;
    for (let turn = 0; turn < 20 && ranked === undefined; turn++) {
      await new Promise((r) => setImmediate(r));
      ranked = postings.rank(tree, 10);
    }
    expect(ranked).toEqual(ftsRanked(db, '"oak"', 10));
  });

  it('leaves a query with a phrase of several words or a word the tokenizer folds to FTS5', () => {
    db = openDatabase(':memory:');
    const cache = new ItemCache();
    const postings = new KeywordPostings(db, cache, BM25_WEIGHTS);
    expect(planTree({ groups: [{ typed: ['shoe'], synonyms: [['running', 'shoe']], corrections: [], prefix: false }] }, { corrections: false })).toBeUndefined();
    const folded: MatchTree = { phrases: [{ word: 'café', prefix: false }], root: { phrase: 0 } };
    expect(postings.rank(folded, 10)).toBeUndefined();
    expect(postings.matched(folded, 10)).toBeUndefined();
  });

  it('answers a common query through FTS5 first, loads its lists in later turns of the event loop, then answers from memory; rare queries load nothing', async () => {
    db = openDatabase(':memory:');
    const catalog = new CatalogRepository(db);
    const cache = new ItemCache();
    catalog.upsertItems(Array.from({ length: COMMON_DOCS + 50 }, (_, i): CatalogItem => ({ itemId: `c${i}`, title: `${i % 3 === 0 ? 'oak' : 'steel'} desk with drawer ${i < 5 ? 'walnut' : ''}` })));
    cache.load(catalog.all());
    const search = new LexicalSearch(db, cache);
    const plain = new LexicalSearch(db, undefined);
    const postings = search.postingLists!;
    const rare: LexicalPlan = { groups: [{ typed: ['walnut'], synonyms: [], corrections: [], prefix: false }] };
    const common: LexicalPlan = { groups: [{ typed: ['oak'], synonyms: [], corrections: [], prefix: false }, { typed: ['desk'], synonyms: [], corrections: [], prefix: true }] };
    expect(search.search('walnut', 10, undefined, false, rare)).toEqual(plain.search('walnut', 10, undefined, false, rare));
    expect(postings.stats.pending).toBe(0);
    const first = search.search('oak desk', 20, undefined, false, common);
    expect(first).toEqual(plain.search('oak desk', 20, undefined, false, common));
    expect(postings.rank(planTree(common, { corrections: false })!, 20)).toBeUndefined();
    expect(postings.stats.pending).toBeGreaterThan(0);
    for (let turn = 0; turn < 20 && postings.stats.pending > 0; turn++) await new Promise((r) => setImmediate(r));
    expect(postings.stats.pending).toBe(0);
    expect(postings.rank(planTree(common, { corrections: false })!, 20)).toBeDefined();
    expect(search.search('oak desk', 20, undefined, false, common)).toEqual(first);
    // The facets' matched set (unfiltered and filtered) from the lists equals FTS5's.
    expect(search.matchedDocs(common, undefined, 100)).toEqual(plain.matchedDocs(common, undefined, 100));
    expect(search.matchedItems(common, { category: 'nothing' })).toEqual(plain.matchedItems(common, { category: 'nothing' }));
  });
});
