import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedEdits, editDistanceWithin } from '../../../../src/main/engine/retrieval/edit-distance';
import { TermDictionary } from '../../../../src/main/engine/retrieval/term-dictionary';

describe('editDistanceWithin (optimal string alignment)', () => {
  it('counts substitutions, insertions, deletions and adjacent transpositions', () => {
    expect(editDistanceWithin('running', 'running', 2)).toBe(0);
    expect(editDistanceWithin('runing', 'running', 2)).toBe(1);
    expect(editDistanceWithin('rnuning', 'running', 2)).toBe(1);
    expect(editDistanceWithin('rnning', 'running', 2)).toBe(1);
    expect(editDistanceWithin('headphnoes', 'headphones', 2)).toBe(1);
    expect(editDistanceWithin('hedphoness', 'headphones', 2)).toBe(2);
    expect(editDistanceWithin('hdphoness', 'headphones', 2)).toBeUndefined();
  });

  it('gives the edit budget by length: none below 4, 1 for 4-7, 2 from 8', () => {
    expect([allowedEdits('tee'), allowedEdits('shoe'), allowedEdits('jackets'), allowedEdits('keyboard')]).toEqual([0, 1, 1, 2]);
  });
});

describe('TermDictionary', () => {
  const dict = new TermDictionary();
  dict.setItem('a', ['wireless', 'headphones', 'black']);
  dict.setItem('b', ['running', 'shoe', 'black']);
  dict.setItem('c', ['running', 'jacket']);

  it('corrects a word one edit away (4-7 letters) and two edits away (8+), not three', () => {
    expect(dict.corrections('runnin').map((c) => c.term)).toEqual(['running']);
    expect(dict.corrections('jakcet').map((c) => c.term)).toEqual(['jacket']);
    expect(dict.corrections('hedphoness').map((c) => c.term)).toEqual(['headphones']);
    expect(dict.corrections('wirelss').map((c) => c.term)).toEqual(['wireless']);
    expect(dict.corrections('hdphonnes')).toEqual([]); // 3 edits
    expect(dict.corrections('jkcet')).toEqual([]); // 2 edits on a 5-letter word
    expect(dict.corrections('sho')).toEqual([]); // too short to correct
  });

  it('completes a prefix, most items first', () => {
    expect(dict.completions('r')).toEqual([{ term: 'running', items: 2 }]);
    expect(dict.completions('bl')).toEqual([{ term: 'black', items: 2 }]);
    expect(dict.completions('zz')).toEqual([]);
  });

  it('follows catalogue changes: words an item loses leave when no item holds them', () => {
    const d = new TermDictionary();
    d.setItem('x', ['sneakers', 'red']);
    d.setItem('y', ['sneakers', 'blue']);
    expect(d.itemsWith('sneakers')).toBe(2);
    d.setItem('x', ['trainers', 'red']);
    expect(d.itemsWith('sneakers')).toBe(1);
    d.setItem('y', ['boots']);
    expect(d.itemsWith('sneakers')).toBe(0);
    expect(d.corrections('sneakrs')).toEqual([]);
    expect(d.corrections('trainrs').map((c) => c.term)).toEqual(['trainers']);
    expect(d.completions('sn')).toEqual([]);
  });

  it('finds exactly the words a brute-force scan finds within the budget', () => {
    const word = fc.stringMatching(/^[abcde]{3,10}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 40 }), word, (terms, typed) => {
        const d = new TermDictionary();
        terms.forEach((t, i) => d.setItem(`i${i}`, [t]));
        const max = allowedEdits(typed);
        const expected = max === 0 ? [] : terms.filter((t) => t !== typed && editDistanceWithin(typed, t, max) !== undefined).sort();
        expect(d.corrections(typed, 1000).map((c) => c.term).sort()).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('stays exact with the deletion-hash index built, and while a rebuild runs (long words past the prefix, words coming and going)', async () => {
    const word = fc.stringMatching(/^[abcd]{3,13}$/);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(word, { minLength: 600, maxLength: 900 }), fc.array(word, { minLength: 5, maxLength: 5 }), fc.nat(), async (terms, typedWords, cut) => {
        const d = new TermDictionary();
        const half = Math.floor(terms.length / 2);
        const live = new Set(terms.slice(0, half));
        terms.slice(0, half).forEach((t, i) => d.setItem(`i${i}`, [t]));
        await d.whenIndexed();
        const check = (): void => {
          for (const typed of typedWords) {
            const max = allowedEdits(typed);
            const expected = max === 0 ? [] : [...live].filter((t) => t !== typed && editDistanceWithin(typed, t, max) !== undefined).sort();
            expect(d.corrections(typed, 10_000).map((c) => c.term).sort()).toEqual(expected);
          }
        };
        check();
        // The second half arrives (past the direct-check limit: the next lookup starts a rebuild) ...
        terms.slice(half).forEach((t, i) => {
          d.setItem(`i${half + i}`, [t]);
          live.add(t);
        });
        check();
        // ... and while it runs, some words of both halves leave and one comes back.
        terms.forEach((t, i) => {
          if ((i + cut) % 7 === 0) {
            d.setItem(`i${i}`, []);
            live.delete(t);
          }
        });
        const back = terms.findIndex((t) => !live.has(t));
        if (back >= 0) {
          d.setItem(`i${back}`, [terms[back]!]);
          live.add(terms[back]!);
        }
        check();
        await d.whenIndexed();
        check();
      }),
      { numRuns: 30 },
    );
  });

  it('builds its index in turns of the event loop, never in one block', async () => {
    const d = new TermDictionary();
    for (let i = 0; i < 20_000; i++) d.setItem(`i${i}`, [`w${i.toString(36)}x${(i * 7919).toString(36)}`]);
    let turns = 0;
    let counting = true;
    const tick = (): void => {
      if (!counting) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await d.whenIndexed();
    counting = false;
    expect(d.indexBytes).toBeGreaterThan(0);
    // 20,000 words: 10 hashing turns and 16 sorting turns; built in one block, the counter would not move.
    expect(turns).toBeGreaterThan(10);
  });
});
