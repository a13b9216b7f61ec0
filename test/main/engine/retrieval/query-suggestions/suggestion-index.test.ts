import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseSuggestion, SuggestionIndex, suggestionSettings, typedPrefix, type QueryReward } from '../../../../../src/main/engine/retrieval/query-suggestions/suggestion-index';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);

const click = (query: string, shopper: string, ts = NOW, first = true): QueryReward => ({ query, shopper, type: 'click', ts, first });

function indexOf(rewards: QueryReward[], settings = {}): SuggestionIndex {
  const index = new SuggestionIndex(suggestionSettings(settings));
  for (const r of rewards) index.add(r);
  return index;
}

const texts = (index: SuggestionIndex, prefix: string, k = 8, shopper?: string): string[] => index.suggest(typedPrefix(prefix), k, shopper).map((s) => s.text);

describe('SuggestionIndex', () => {
  it('suggests a query whose results were clicked, never one with conversions or repeated clicks only', () => {
    const index = indexOf([
      click('trail running shoes', 'u:a'),
      click('trail running shoes', 'u:b'),
      // Same shoppers, but only a repeated click (not the first on its item) and a cart add: no click counts.
      click('trail runner socks', 'u:a', NOW, false),
      click('trail runner socks', 'u:b', NOW, false),
      { query: 'trail runner socks', shopper: 'u:c', type: 'add_to_cart', ts: NOW, first: false },
    ]);
    expect(index.suggest('trail', 8)).toEqual([{ text: 'trail running shoes', clicks: 2, conversions: 0, own: false }]);
  });

  it("does not suggest one shopper's rare query to anyone else below the distinct-shopper threshold", () => {
    const index = indexOf([click('zebra print leggings', 'u:a'), click('zebra print leggings', 'u:a'), click('zebra print leggings', 'u:a')]);
    expect(texts(index, 'zeb')).toEqual([]);
    expect(texts(index, 'zeb', 8, 'u:b')).toEqual([]);
    // The shopper who searched it sees it (and only their own counts).
    expect(index.suggest('zeb', 8, 'u:a')).toEqual([{ text: 'zebra print leggings', clicks: 3, conversions: 0, own: true }]);
    // A second shopper's click opens it to everyone.
    index.add(click('zebra print leggings', 'u:b'));
    expect(texts(index, 'zeb')).toEqual(['zebra print leggings']);
    // The threshold is a setting: at 3 it is closed again.
    const strict = indexOf([click('zebra print leggings', 'u:a'), click('zebra print leggings', 'u:b')], { minShoppers: 3 });
    expect(texts(strict, 'zeb')).toEqual([]);
    // With a threshold of 3, a shopper below it sees their own clicks only, not the other shopper's.
    expect(strict.suggest('zeb', 8, 'u:a')).toEqual([{ text: 'zebra print leggings', clicks: 1, conversions: 0, own: true }]);
  });

  it('ranks by clicks with recency decay (half-life), conversions weighted, and the own history boosted', () => {
    const rewards: QueryReward[] = [];
    const many = (query: string, n: number, ts: number): void => {
      for (let i = 0; i < n; i++) rewards.push(click(query, `u:${query}-${i}`, ts));
    };
    many('red dress', 8, NOW - 28 * DAY); // 8 clicks two half-lives ago: worth 2
    many('red dress shoes', 3, NOW); // 3 clicks now: worth 3
    many('red duvet', 2, NOW); // 2 clicks now, plus a purchase (weight 4): worth 6
    rewards.push({ query: 'red duvet', shopper: 'u:red duvet-0', type: 'purchase', ts: NOW, first: false });
    const index = indexOf(rewards);
    expect(texts(index, 're')).toEqual(['red duvet', 'red dress shoes', 'red dress']);
    expect(index.suggest('red d', 1)).toEqual([{ text: 'red duvet', clicks: 2, conversions: 1, own: false }]);
    // Without decay the old query's 8 clicks would win: with a very long half-life it does.
    const flat = indexOf(rewards.filter((r) => r.type === 'click'), { halfLifeDays: 1e9 });
    expect(texts(flat, 're')).toEqual(['red dress', 'red dress shoes', 'red duvet']);
    // A shopper's own query (worth 2 x boost 4 = 8 for them) comes first for them only.
    expect(texts(index, 're', 8, 'u:red dress-0')).toEqual(['red dress', 'red duvet', 'red dress shoes']);
    expect(index.suggest('re', 8, 'u:red dress-0')[0]).toMatchObject({ own: true, clicks: 8 });
  });

  it('matches the typed text as a prefix: whole words before, a prefix of the last word', () => {
    const rewards = ['trail running shoes', 'trail runners', 'trailer hitch', 'road running shoes'].flatMap((q) => [click(q, 'u:a'), click(q, 'u:b')]);
    const index = indexOf(rewards);
    expect(texts(index, 'trail ru').sort()).toEqual(['trail runners', 'trail running shoes']);
    expect(texts(index, 'trail').sort()).toEqual(['trail runners', 'trail running shoes', 'trailer hitch']);
    // A trailing space: "trail" is a whole word, so "trailer" is not a completion.
    expect(texts(index, 'trail ').sort()).toEqual(['trail runners', 'trail running shoes']);
    expect(texts(index, 'running')).toEqual([]);
    expect(texts(index, '')).toEqual([]);
    expect(texts(index, '   ')).toEqual([]);
    expect(texts(index, 'trail ru', 1)).toHaveLength(1);
  });

  it('normalises: case folded, whitespace collapsed, compatibility forms folded', () => {
    expect(normaliseSuggestion('  Trail\tRUNNING   Shoes ')).toBe('trail running shoes');
    expect(normaliseSuggestion('ＴＲＡＩＬ')).toBe('trail');
    expect(typedPrefix('Trail  Ru')).toBe('trail ru');
    expect(typedPrefix('Trail ')).toBe('trail ');
    const index = indexOf([click(normaliseSuggestion('Trail Running'), 'u:a'), click(normaliseSuggestion('trail   running'), 'u:b')]);
    expect(index.size).toBe(1);
    expect(index.suggest(typedPrefix('TRAIL r'), 8)).toEqual([{ text: 'trail running', clicks: 2, conversions: 0, own: false }]);
  });

  it("forgets a shopper: their shares leave, a query nobody else clicked leaves, the threshold is counted again", () => {
    const index = indexOf([click('blue kettle', 'u:a'), click('blue kettle', 'u:b'), click('blue mug', 'u:a')]);
    expect(texts(index, 'blue')).toEqual(['blue kettle']);
    index.forget('u:b');
    expect(texts(index, 'blue')).toEqual([]);
    expect(index.suggest('blue', 8, 'u:a').map((s) => s.text).sort()).toEqual(['blue kettle', 'blue mug']);
    index.forget('u:a');
    expect(index.size).toBe(0);
  });

  it('rejects settings that would weaken privacy or break ranking, naming the field', () => {
    expect(() => suggestionSettings({ minShoppers: 0 })).toThrow(/querySuggestions\.minShoppers/);
    expect(() => suggestionSettings({ minShoppers: 1.5 })).toThrow(/minShoppers/);
    expect(() => suggestionSettings({ halfLifeDays: 0 })).toThrow(/halfLifeDays/);
    expect(() => suggestionSettings({ ownBoost: 0.5 })).toThrow(/ownBoost/);
  });

  it('moves entries in the kept top list of a long run as clicks arrive', () => {
    const rewards: QueryReward[] = [];
    for (let i = 0; i < 300; i++) for (const s of ['u:a', 'u:b']) rewards.push(click(`q${String(i).padStart(3, '0')}`, s, NOW - 60 * DAY + i * 1000));
    const index = indexOf(rewards);
    // 300 entries under "q": walked once, then its best list is kept.
    expect(texts(index, 'q', 3)).toEqual(['q299', 'q298', 'q297']);
    const more = [click('q999', 'u:c'), click('q999', 'u:d'), click('q150', 'u:e'), { query: 'q010', shopper: 'u:f', type: 'purchase', ts: NOW, first: false } as QueryReward];
    for (const r of more) index.add(r);
    // q010: a purchase now (weight 4); q999: 2 clicks now; q150: 1 click now and 2 two months ago.
    expect(texts(index, 'q', 3)).toEqual(['q010', 'q999', 'q150']);
    expect(texts(index, 'q', 3)).toEqual(texts(indexOf([...rewards, ...more]), 'q', 3));
    // A forgotten shopper's queries leave the kept list.
    index.forget('u:c');
    expect(texts(index, 'q', 2)).toEqual(['q010', 'q150']);
  });

  it('keeps the top lists of long runs exact while clicks arrive and shoppers are forgotten', () => {
    // 800 queries under "q": runs longer than the walk limit, so their best lists are kept and moved by each add.
    const op = fc.record({ q: fc.integer({ min: 0, max: 799 }), s: fc.integer({ min: 0, max: 7 }), day: fc.integer({ min: 0, max: 90 }), type: fc.constantFrom('click', 'click', 'click', 'purchase' as const) });
    fc.assert(
      fc.property(fc.array(fc.array(op, { minLength: 120, maxLength: 200 }), { minLength: 5, maxLength: 6 }), fc.integer({ min: 0, max: 7 }), (batches, me) => {
        const live = new SuggestionIndex();
        const seen: QueryReward[] = [];
        batches.forEach((batch, b) => {
          for (const o of batch) {
            const r: QueryReward = { query: `q${o.q}`, shopper: `u:${o.s}`, type: o.type as 'click' | 'purchase', ts: NOW - o.day * DAY, first: true };
            live.add(r);
            seen.push(r);
          }
          if (b === 2) {
            live.forget('u:1');
            seen.splice(0, seen.length, ...seen.filter((r) => r.shopper !== 'u:1'));
          }
          // A fresh index over the same rewards walks its runs: the reference.
          const fresh = indexOf(seen);
          for (const prefix of ['q', 'q1', 'q12', 'q7']) {
            expect(live.suggest(prefix, 20, `u:${me}`)).toEqual(fresh.suggest(prefix, 20, `u:${me}`));
            expect(live.suggest(prefix, 8)).toEqual(fresh.suggest(prefix, 8));
          }
        });
      }),
      { numRuns: 20 },
    );
  });

  it('gives what a brute-force scan gives (prefix, threshold, own queries, decayed order)', () => {
    const words = ['red', 'rose', 'road', 'run', 'rug'];
    const arb = fc.array(
      fc.record({ q: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }), s: fc.integer({ min: 0, max: 4 }), day: fc.integer({ min: 0, max: 60 }), type: fc.constantFrom('click', 'click', 'purchase' as const) }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(arb, fc.constantFrom('r', 'ro', 'red ', 'run r', 'rug'), fc.integer({ min: 0, max: 4 }), (raw, prefix, me) => {
        const rewards: QueryReward[] = raw.map((r) => ({ query: r.q.join(' '), shopper: `u:${r.s}`, type: r.type as 'click' | 'purchase', ts: NOW - r.day * DAY, first: true }));
        const settings = suggestionSettings({});
        const index = indexOf(rewards);
        const got = index.suggest(prefix, 5, `u:${me}`);
        // Brute force: per query, clickers, own clicks, decayed score now.
        const byQuery = new Map<string, { score: number; clickers: Set<string>; clicks: number }>();
        for (const r of rewards) {
          const e = byQuery.get(r.query) ?? { score: 0, clickers: new Set<string>(), clicks: 0 };
          byQuery.set(r.query, e);
          e.score += settings.weights[r.type] * 0.5 ** ((NOW - r.ts) / (settings.halfLifeDays * DAY));
          if (r.type === 'click') {
            e.clickers.add(r.shopper);
            e.clicks++;
          }
        }
        const want = [...byQuery.entries()]
          .filter(([q, e]) => q.startsWith(prefix) && e.clicks > 0 && (e.clickers.size >= settings.minShoppers || e.clickers.has(`u:${me}`)))
          .map(([q, e]) => ({ q, score: e.score * (e.clickers.has(`u:${me}`) ? settings.ownBoost : 1), clicks: e.clicks }))
          .sort((a, b) => b.score - a.score);
        // Sums in another order can differ in the last bits: compare the score sequence, not the order of near-ties.
        const scoreOf = new Map(want.map((w) => [w.q, w.score]));
        expect(got).toHaveLength(Math.min(5, want.length));
        got.forEach((g, i) => {
          expect(scoreOf.has(g.text)).toBe(true);
          expect(scoreOf.get(g.text)!).toBeCloseTo(want[i]!.score, 9);
        });
      }),
      { numRuns: 200 },
    );
  });
});
