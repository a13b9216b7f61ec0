import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encoderText, facetCounts, LexicalSearch, SearchVocabulary, SynonymStore } from '../../../../src/main/engine/retrieval';
import { searchWords } from '../../../../src/main/engine/retrieval/search-words';
import { AuditLog, CatalogRepository, openDatabase } from '../../../../src/main/engine/store';
import type { CatalogItem, FacetSelection } from '../../../../src/shared/contract';

const ITEMS: CatalogItem[] = [
  { itemId: 'shoe', title: 'Trail running shoe', brand: 'Stride', category: 'Sports > Footwear', price: 90, attributes: { colour: 'red', waterproof: true } },
  { itemId: 'boot', title: 'Leather hiking boot', brand: 'Trail', category: 'Sports > Footwear', price: 150, inStock: false },
  { itemId: 'phones', title: 'Wireless headphones', brand: 'Sonic', category: 'Electronics > Audio', price: 120 },
  { itemId: 'tv', title: 'Smart television 55 inch', brand: 'Vision', category: 'Electronics > Video', price: 480 },
  { itemId: 'sneaker', title: 'Canvas sneakers', brand: 'Stride', category: 'Sports > Footwear', price: 45 },
  { itemId: 'trainer', title: 'Gym trainers', brand: 'Pace', category: 'Sports > Footwear', price: 60 },
];

describe('search words: typo tolerance, synonyms, type-ahead (SQLite FTS5)', () => {
  let db: Database;
  let catalog: CatalogRepository;
  let vocabulary: SearchVocabulary;
  let lexical: LexicalSearch;
  const search = (query: string, k = 10): string[] => lexical.search(query, k, undefined, false, vocabulary.rewrite(query)).map((h) => h.itemId);

  beforeEach(() => {
    db = openDatabase(':memory:');
    catalog = new CatalogRepository(db);
    vocabulary = new SearchVocabulary();
    catalog.onUpsert((ids) => vocabulary.upsertItems(ids.flatMap((id) => catalog.get(id) ?? [])));
    catalog.upsertItems(ITEMS);
    lexical = new LexicalSearch(db);
  });
  afterEach(() => db.close());

  it('finds the item through one edit (4-7 letters) and two edits (8+ letters), not three', () => {
    expect(search('runing shoe')).toEqual(['shoe']);
    expect(search('hiknig boot')).toEqual(['boot']);
    expect(search('wireles hedphones')).toEqual(['phones']); // 1 edit + 1 edit
    expect(search('wireless hedphonse')).toEqual(['phones']); // 2 edits on a 10-letter word
    expect(search('hdphnse')).toEqual([]); // 3 edits
    expect(search('televisn')).toEqual(['tv']); // 2 edits, 8 letters
    expect(search('tlvisn')).toEqual([]);
  });

  it('ranks exact matches before corrected ones, and corrects a rare catalogue word towards a common one', () => {
    const belts = Array.from({ length: 5 }, (_, i) => ({ itemId: `running-${i}`, title: `Running belt ${i}`, brand: 'Pace' }));
    catalog.upsertItems([...belts, { itemId: 'runing', title: 'Runing belt (misspelt listing)', brand: 'Pace' }]);
    const hits = lexical.search('runing belt', 10, undefined, false, vocabulary.rewrite('runing belt'));
    expect(hits.map((h) => h.itemId)).toHaveLength(6);
    expect(hits[0]).toMatchObject({ itemId: 'runing' });
    expect(hits[0]!.corrected).toBeUndefined();
    expect(hits.slice(1).every((h) => h.corrected === true && h.score < hits[0]!.score)).toBe(true);
    // Not towards a word held by fewer than 5x as many items.
    expect(vocabulary.rewrite('belt').groups[0]!.corrections).toEqual([]);
  });

  it('keeps a catalogue word as typed in the encoder text when it is corrected towards a commoner one', () => {
    const belts = Array.from({ length: 5 }, (_, i) => ({ itemId: `running-${i}`, title: `Running belt ${i}`, brand: 'Pace' }));
    catalog.upsertItems([...belts, { itemId: 'runing', title: 'Runing belt (misspelt listing)', brand: 'Pace' }]);
    const held = vocabulary.rewrite('runing belt');
    expect(held.groups[0]).toMatchObject({ corrections: ['running'], known: true });
    expect(encoderText(held)).toBe('runing belt');
    const unknown = vocabulary.rewrite('runnig belt');
    expect(unknown.groups[0]!.known).toBeUndefined();
    expect(encoderText(unknown)).toBe('running belt');
  });

  it('keeps the dictionary current with catalogue upserts', () => {
    expect(search('kayak paddle')).toEqual([]);
    catalog.upsertItems([{ itemId: 'paddle', title: 'Kayak paddle', brand: 'Wave' }]);
    expect(search('kayka padle')).toEqual(['paddle']);
    catalog.upsertItems([{ itemId: 'paddle', title: 'Canoe oar', brand: 'Wave' }]);
    expect(vocabulary.dictionary.itemsWith('kayak')).toBe(0);
    expect(search('canoo')).toEqual(['paddle']);
  });

  it('matches the last word as a prefix and suggests completions from the catalogue', () => {
    expect(search('wirel')).toEqual(['phones']);
    expect(search('trail run')).toEqual(['shoe']);
    expect(vocabulary.suggest('trail ru', 5)).toEqual([{ text: 'trail running', items: 1 }]);
    expect(vocabulary.suggest('s', 5).map((s) => s.text)).toEqual(expect.arrayContaining(['sports', 'stride']));
    // A word being typed is not "corrected" while it is a prefix of catalogue words.
    expect(vocabulary.rewrite('headph').groups[0]!.corrections).toEqual([]);
  });

  it('applies a two-way synonym both ways and a one-way synonym one way only', () => {
    const store = new SynonymStore(db, new AuditLog(db));
    store.onChange(() => vocabulary.setSynonyms(store.sets()));
    store.set({ kind: 'two-way', terms: ['sneakers', 'trainers'] }, undefined, { actor: 'ana' });
    store.set({ kind: 'one-way', from: 'tv', terms: ['television'] }, undefined, { actor: 'ana' });
    expect(search('sneakers').sort()).toEqual(['sneaker', 'trainer']);
    expect(search('trainers').sort()).toEqual(['sneaker', 'trainer']);
    expect(search('tv')).toEqual(['tv']);
    catalog.upsertItems([{ itemId: 'tv-stand', title: 'TV stand', brand: 'Oak' }]);
    expect(search('tv').sort()).toEqual(['tv', 'tv-stand']);
    expect(search('television')).toEqual(['tv']); // one way: "television" does not mean "tv"
    const audit = db.prepare("SELECT actor, action FROM audit_log WHERE action LIKE 'synonyms.%'").all();
    expect(audit).toEqual([{ actor: 'ana', action: 'synonyms.create' }, { actor: 'ana', action: 'synonyms.create' }]);
  });

  it('refuses synonym sets without words, with repeats, or mapping a phrase to itself', () => {
    const store = new SynonymStore(db, new AuditLog(db));
    expect(() => store.set({ kind: 'two-way', terms: ['shoe', 'Shoe '] }, undefined)).toThrow(/repeats/);
    expect(() => store.set({ kind: 'two-way', terms: ['!!', 'shoe'] }, undefined)).toThrow(/no searchable word/);
    expect(() => store.set({ kind: 'one-way', from: 'tv', terms: ['TV'] }, undefined)).toThrow(/its own synonym/);
    expect(() => store.delete('nope')).toThrow(/no synonym set/);
    expect(store.list()).toEqual([]);
  });

  it('filters by facet selections: brands, category nodes, price ranges, attributes', () => {
    const only = (facets: FacetSelection): string[] => lexical.search('sports', 10, { facets }, false, vocabulary.rewrite('sports')).map((h) => h.itemId).sort();
    expect(only({ brands: ['stride'] })).toEqual(['shoe', 'sneaker']);
    expect(only({ categories: ['Sports > Footwear'], priceRanges: [{ min: 50, max: 100 }] })).toEqual(['shoe', 'trainer']);
    expect(only({ priceRanges: [{ min: 100, max: null }] })).toEqual(['boot']);
    expect(only({ attributes: [{ name: 'waterproof', values: ['true'] }] })).toEqual(['shoe']);
    expect(only({ attributes: [{ name: 'colour', values: ['red', 'blue'] }], brands: ['Stride'] })).toEqual(['shoe']);
  });
});

/** Facet counts over the matched set equal a brute-force count over a generated catalogue. */
describe('facet counts', () => {
  const BRANDS = ['Acme', 'Bolt', 'Crest'];
  const CATEGORIES = ['Home', 'Home > Kitchen', 'Home > Bath', 'Sports > Footwear', 'Sports'];
  const WORDS = ['kettle', 'towel', 'shoe', 'runner', 'steel', 'cotton'];
  const item = fc.record({
    title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
    brand: fc.option(fc.constantFrom(...BRANDS), { nil: undefined }),
    category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
    price: fc.option(fc.constantFrom(0, 10, 25, 49.99, 50, 120, 499, 500, 900), { nil: undefined }),
    inStock: fc.boolean(),
    attributes: fc.option(fc.record({ colour: fc.constantFrom('red', 'blue'), size: fc.constantFrom(1, 2), organic: fc.boolean() }, { requiredKeys: [] }), { nil: undefined }),
  });

  it('equal a brute-force count of the items that hold every query word', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 40 }), fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }), fc.option(fc.constantFrom(...BRANDS), { nil: undefined }), (generated, query, brand) => {
        const db = openDatabase(':memory:');
        try {
          const items: CatalogItem[] = generated.map((g, i) => ({ itemId: `i${i}`, ...g }));
          new CatalogRepository(db).upsertItems(items);
          const vocabulary = new SearchVocabulary();
          vocabulary.upsertItems(items);
          const catalog = new CatalogRepository(db);
          // A complete word as the last word: the prefix of itself, and no other of WORDS starts with another.
          const ids = new LexicalSearch(db).matchedItems(vocabulary.rewrite(query.join(' ')), brand ? { facets: { brands: [brand] } } : undefined);
          const facets = facetCounts(ids.map((id) => catalog.get(id)!));
          const expected = items.filter((it) => {
            const words = new Set(searchWords(`${it.title} ${it.brand ?? ''} ${it.category ?? ''}`));
            return query.every((w) => words.has(w)) && (brand === undefined || it.brand === brand);
          });
          expect(facets.matched).toBe(expected.length);
          expect(facets.inStock.inStock).toBe(expected.filter((i) => i.inStock).length);
          for (const b of BRANDS) expect(facets.brands.find((f) => f.value === b)?.count ?? 0).toBe(expected.filter((i) => i.brand === b).length);
          for (const c of ['Home', 'Sports', 'Home > Kitchen', 'Sports > Footwear']) {
            const level = c.split(' > ').length - 1;
            const counted = facets.categories[level]?.values.find((f) => f.value === c)?.count ?? 0;
            expect(counted).toBe(expected.filter((i) => i.category === c || i.category?.startsWith(`${c} > `)).length);
          }
          for (const r of facets.priceRanges) expect(r.count).toBe(expected.filter((i) => i.price !== undefined && i.price >= r.min && (r.max === null || i.price < r.max)).length);
          const colours = facets.attributes.find((a) => a.name === 'colour')?.values ?? [];
          for (const c of ['red', 'blue']) expect(colours.find((v) => v.value === c)?.count ?? 0).toBe(expected.filter((i) => i.attributes?.colour === c).length);
          const organic = facets.attributes.find((a) => a.name === 'organic')?.values ?? [];
          expect(organic.find((v) => v.value === 'true')?.count ?? 0).toBe(expected.filter((i) => i.attributes?.organic === true).length);
        } finally {
          db.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
