import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocVerdicts, MAX_FILTERS } from '../../../../src/main/engine/retrieval/doc-verdicts';

/** A catalogue of docs 0..n-1 (doc d is item `i<d>`, the last one without an item row) with a price each, written item by item. */
function catalogue(prices: number[]) {
  const price = new Map(prices.map((p, d) => [`i${d}`, p]));
  let version = 1;
  let log: { version: number; id: string }[] = [];
  /** A reload: versions before it are no longer known item by item. */
  let lostBefore = 0;
  let lookups = 0;
  const source = {
    itemIds: (docs: readonly number[]) => {
      lookups += docs.length;
      return docs.map((d) => (d < prices.length - 1 ? `i${d}` : undefined));
    },
    get version() {
      return version;
    },
    changedSince: (v: number) => (v < lostBefore ? undefined : log.filter((e) => e.version > v).map((e) => e.id)),
  };
  return {
    source,
    price,
    write(id: string, p: number) {
      price.set(id, p);
      log.push({ version: ++version, id });
    },
    reload() {
      lostBefore = ++version;
      log = [];
    },
    lookups: () => lookups,
  };
}

describe('doc verdicts (whether each doc passes a filter, per filter)', () => {
  it('keeps what a plain pass with the check keeps, in order, up to the limit, across writes and reloads', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('pass' as const), docs: fc.uniqueArray(fc.nat(12), { minLength: 1, maxLength: 13 }), max: fc.constantFrom(20, 50, 100), limit: fc.constantFrom(-1, 0, 1, 3, 100) }),
      fc.record({ kind: fc.constant('write' as const), doc: fc.nat(12), price: fc.nat(120) }),
      fc.constant({ kind: 'reload' as const }),
    );
    fc.assert(
      fc.property(fc.array(fc.nat(120), { minLength: 13, maxLength: 13 }), fc.array(op, { minLength: 10, maxLength: 40 }), (prices, ops) => {
        const c = catalogue(prices);
        const verdicts = new DocVerdicts(c.source);
        for (const o of ops) {
          if (o.kind === 'write') c.write(`i${o.doc}`, o.price);
          else if (o.kind === 'reload') c.reload();
          else {
            const check = (id: string) => c.price.get(id)! < o.max;
            const expected = o.docs.filter((d) => d < prices.length - 1 && check(`i${d}`));
            expect(verdicts.passing(`max${o.max}`, o.docs, check, o.limit)).toEqual(o.limit < 0 ? expected : expected.slice(0, o.limit));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('judges a doc once per filter while its item is unchanged, and keeps the most recently used filters', () => {
    const c = catalogue([5, 50, 500, 0]);
    const verdicts = new DocVerdicts(c.source);
    const cheap = (id: string) => c.price.get(id)! < 100;
    expect(verdicts.passing('cheap', [2, 1, 0, 3], cheap, -1)).toEqual([1, 0]);
    const after = c.lookups();
    expect(verdicts.passing('cheap', [0, 1, 2], cheap, -1)).toEqual([0, 1]);
    expect(c.lookups()).toBe(after); // read from the verdicts
    c.write('i2', 20);
    expect(verdicts.passing('cheap', [0, 1, 2], cheap, -1)).toEqual([0, 1, 2]);
    expect(c.lookups()).toBe(after + 1); // only the written item judged again
    for (let f = 0; f <= MAX_FILTERS; f++) verdicts.passing(`f${f}`, [0], () => true, -1);
    expect(verdicts.size).toBe(MAX_FILTERS);
  });
});
