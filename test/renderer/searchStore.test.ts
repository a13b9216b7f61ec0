import { describe, expect, it } from 'vitest';
import { productReasons } from '../../src/renderer/src/pages/search/productReasons';
import { createSearchStore, isSelectedIn, toggled } from '../../src/renderer/src/stores/searchStore';
import { dropSummary } from '../../src/renderer/src/stores/dropPreview';
import { CHANNELS, type RankedItem, type RulePreviewResult, type SearchResult } from '../../src/renderer/src/transport/contract';
import { fakeClient } from './fakes';

const zero = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as RankedItem['contributions'];
const item = (over: Partial<RankedItem> = {}): RankedItem => ({ itemId: 'p1', title: 'Trail running shoe', brand: 'Stride', position: 1, score: 1, propensity: 1, contributions: zero, rules: [], sources: ['lexical'], ...over });
const result = (items: RankedItem[]): SearchResult => ({ impressionId: 'i', experiment: null, policy: 'weights', explored: false, slot: 'search', shopperId: null, sessionId: null, coldStart: true, weightsVersion: 1, modelVersion: 'm', purchaseIntent: 0, items, tookMs: 1 });

describe('facet selection', () => {
  it('ticks and unticks values of each facet, leaving empty facets out', () => {
    let s = toggled({}, 'brands', 'Stride');
    s = toggled(s, 'attr:colour', 'red');
    s = toggled(s, 'priceRanges', { min: 0, max: 25 });
    expect(s).toEqual({ brands: ['Stride'], attributes: [{ name: 'colour', values: ['red'] }], priceRanges: [{ min: 0, max: 25 }] });
    expect(isSelectedIn(s, 'attr:colour', 'red')).toBe(true);
    expect(isSelectedIn(s, 'priceRanges', { min: 0, max: 25 })).toBe(true);
    expect(isSelectedIn(s, 'priceRanges', { min: 25, max: 50 })).toBe(false);
    s = toggled(toggled(toggled(s, 'brands', 'Stride'), 'attr:colour', 'red'), 'priceRanges', { min: 0, max: 25 });
    expect(s).toEqual({});
  });
});

describe('search store', () => {
  it('searches as the chosen shopper with sort and facets, and a new query clears the facets', async () => {
    const { client, transport } = fakeClient({ search: () => result([item()]), 'search.suggest': () => ({ suggestions: [{ text: 'trail running shoes', kind: 'query', clicks: 4 }, { text: 'trail running', kind: 'term', clicks: 0, items: 3 }] }) });
    const store = createSearchStore(client);
    store.getState().setQuery('runing');
    store.getState().setShopper(' u1 ');
    store.getState().setSort('priceAsc');
    store.getState().toggleFacet('brands', 'Stride');
    store.getState().setSegments(' VIP, de  mobile,vip ');
    await store.getState().run();
    expect(transport.calls.at(-1)).toMatchObject({ method: 'search', input: { query: 'runing', k: 24, sort: 'priceAsc', facets: { brands: ['Stride'] }, shopperId: 'u1', segments: ['vip', 'de', 'mobile'] } });
    store.getState().setSegments('');
    expect(store.getState().result?.items).toHaveLength(1);
    expect(store.getState().searched).toBe('runing');
    store.getState().setQuery('trail ru');
    expect(store.getState().selection).toEqual({});
    await store.getState().suggest();
    // As the chosen shopper (their own past queries count), and every kind kept for the list.
    expect(transport.calls.at(-1)).toMatchObject({ method: 'search.suggest', input: { query: 'trail ru', k: 8, shopperId: 'u1' } });
    expect(store.getState().suggestions.map((s) => [s.text, s.kind])).toEqual([
      ['trail running shoes', 'query'],
      ['trail running', 'term'],
    ]);
    // Choosing one searches it.
    await store.getState().choose('trail running shoes');
    expect(transport.calls.at(-1)).toMatchObject({ method: 'search', input: { query: 'trail running shoes', shopperId: 'u1' } });
    expect(store.getState()).toMatchObject({ query: 'trail running shoes', searched: 'trail running shoes', suggestions: [] });
  });
});

describe('reasons in plain words', () => {
  it('undoes the rule a card action created: deletes it, searches again without it, and says so; a failed delete keeps it', async () => {
    const rules = new Map<string, unknown>();
    let deleteFails = false;
    const { client, transport } = fakeClient({
      search: () => result(rules.size > 0 ? [item({ itemId: 'p2', position: 1 }), item({ position: 2 })] : [item(), item({ itemId: 'p2', position: 2 })]),
      'rules.create': (input) => {
        const rule = { ruleId: `r-${rules.size + 1}`, strength: 0.5, slot: 'search', startsAt: null, endsAt: null, enabled: true, note: '', createdAt: 1, updatedAt: 1, ...(input as object) };
        rules.set(rule.ruleId, rule);
        return rule;
      },
      'rules.preview': (input) => ({ ruleIds: (input as { ruleIds: string[] }).ruleIds, before: [], after: [], moves: [] }),
      'rules.delete': (input) => {
        if (deleteFails) throw new Error('forbidden: a viewer cannot delete rules');
        const id = (input as { ruleId: string }).ruleId;
        const rule = rules.get(id);
        rules.delete(id);
        return rule;
      },
    });
    const store = createSearchStore(client);
    store.getState().setQuery('shoe');
    await store.getState().run();
    expect(await store.getState().createRule({ kind: 'pin', target: { type: 'item', itemId: 'p2' }, position: 1, slot: 'search', query: { match: 'exact', text: 'shoe' } })).toBe(true);
    expect(store.getState().lastRule?.ruleId).toBe('r-1');
    expect(store.getState().result?.items[0]?.itemId).toBe('p2');

    deleteFails = true;
    await store.getState().undoLastRule();
    expect(store.getState().ruleError).toMatch(/viewer/);
    expect(store.getState().lastRule?.ruleId).toBe('r-1');
    expect(rules.size).toBe(1);

    deleteFails = false;
    await store.getState().undoLastRule();
    expect(transport.calls.filter((c) => c.method === 'rules.delete').at(-1)?.input).toEqual({ ruleId: 'r-1' });
    expect(rules.size).toBe(0);
    expect(store.getState()).toMatchObject({ lastRule: null, effect: null, undoing: false, undone: { ruleId: 'r-1' } });
    // Searched again: the pinned item is back in its place.
    expect(store.getState().result?.items[0]?.itemId).toBe('p1');
    // Nothing left to undo.
    const deletes = transport.calls.filter((c) => c.method === 'rules.delete').length;
    await store.getState().undoLastRule();
    expect(transport.calls.filter((c) => c.method === 'rules.delete')).toHaveLength(deletes);
    // A new query clears the notice.
    store.getState().setQuery('boot');
    expect(store.getState().undone).toBeNull();
  });

  it('names the matched words, the correction, meaning, behaviour, popularity and rules', () => {
    const reasons = productReasons(
      item({ sources: ['lexical+semantic'], contributions: { ...zero, behaviour: 0.2, popularity: 0.1 }, rules: [{ ruleId: 'r', kind: 'boost', effect: 0.1, note: '' }] }),
      'runing shoe',
      { corrections: [{ typed: 'runing', corrected: ['running'] }], synonyms: [], encoderText: 'running shoe' },
    );
    expect(reasons).toEqual([
      'matches “shoe” in its text',
      'spelling corrected to “running”',
      'close in meaning to the query',
      'similar to what this shopper viewed',
      'popular lately',
      'moved by a rule (Boost)',
    ]);
  });

  it('does not speak of the shopper when the list had no history to use', () => {
    const personal = item({ contributions: { ...zero, text: 0.5, priceFit: 0.2 } });
    expect(productReasons(personal, 'boot', undefined, false)).toEqual(["close to this shopper's interests", "in this shopper's usual price range"]);
    expect(productReasons(personal, 'boot', undefined, true)).toEqual(['close in meaning to the query', 'priced like most of what shoppers buy']);
  });
});

describe('drop preview: what dragging a card onto another would do, before the dialog', () => {
  const shown = [item({ itemId: 'p1', position: 1 }), item({ itemId: 'p2', position: 2 }), item({ itemId: 'p3', position: 3 }), item({ itemId: 'p4', position: 4 })];
  /** What the engine would answer for a pin draft (no other pins): the pinned item at its place, the rest closing up around it. */
  const previewed = (itemId: string, position: number): RulePreviewResult => {
    const order = shown.map((i) => i.itemId).filter((id) => id !== itemId);
    order.splice(position - 1, 0, itemId);
    const moves: RulePreviewResult['moves'] = shown.map((i) => {
      const after = order.indexOf(i.itemId) + 1;
      return { itemId: i.itemId, title: i.title, before: i.position, after, move: after < i.position ? 'up' : after > i.position ? 'down' : 'same', rules: i.itemId === itemId ? [{ ruleId: 'r-new', action: 'pinned' }] : [], removedBy: null };
    });
    return { slot: 'search', query: 'shoe', category: null, ruleIds: ['r-new'], before: shown, after: shown, moves };
  };

  it('asks rules.preview with the pin as a draft once per item and place, keeps only the latest answer, and states where each card goes', async () => {
    const gates: (() => void)[] = [];
    let slow = false;
    const { client, transport } = fakeClient({
      search: () => result(shown),
      'rules.preview': async (input) => {
        const { draft } = input as { draft: { target: { itemId: string }; position: number } };
        if (slow) await new Promise<void>((resolve) => gates.push(resolve));
        if (draft.target.itemId === 'p2' && draft.position === 2) throw new Error('draft.target.itemId: no such item');
        return previewed(draft.target.itemId, draft.position);
      },
    });
    const store = createSearchStore(client);
    store.getState().setQuery('shoe');
    store.getState().setShopper('u1');
    await store.getState().run();

    await store.getState().previewDrop('p3', 1);
    const asked = transport.calls.filter((c) => c.method === 'rules.preview');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.input).toMatchObject({ slot: 'search', query: 'shoe', k: 24, shopperId: 'u1', draft: { kind: 'pin', target: { type: 'item', itemId: 'p3' }, position: 1, query: { match: 'exact', text: 'shoe' }, slot: 'search' } });
    // Dragover fires continuously: the same item and place are not asked again.
    await store.getState().previewDrop('p3', 1);
    expect(transport.calls.filter((c) => c.method === 'rules.preview')).toHaveLength(1);

    const summary = dropSummary(store.getState().dropPreview!.effect!, 'p3');
    expect(summary).toMatchObject({ landsAt: 1, from: 3, down: 2, up: 0 });
    expect([...summary.positions]).toEqual([
      ['p1', 2],
      ['p2', 3],
      ['p3', 1],
      ['p4', 4],
    ]);

    // Over another card while the first answer is still out: only the latest lands.
    slow = true;
    const first = store.getState().previewDrop('p3', 4);
    const second = store.getState().previewDrop('p1', 3);
    expect(store.getState().dropPreview).toMatchObject({ itemId: 'p1', position: 3, effect: null });
    gates.splice(0).reverse().forEach((open) => open());
    await Promise.all([first, second]);
    expect(store.getState().dropPreview).toMatchObject({ itemId: 'p1', position: 3 });
    expect(dropSummary(store.getState().dropPreview!.effect!, 'p1')).toMatchObject({ landsAt: 3, from: 1, down: 0, up: 2 });

    // A refusal is kept with its words; the drag ending discards an answer still in flight.
    slow = false;
    await store.getState().previewDrop('p2', 2);
    expect(store.getState().dropPreview?.error).toMatch(/draft\.target\.itemId/);
    slow = true;
    const late = store.getState().previewDrop('p2', 1);
    store.getState().clearDropPreview();
    gates.splice(0).forEach((open) => open());
    await late;
    expect(store.getState().dropPreview).toBeNull();
  });

  it('asks nothing for an item not in the results or before anything was searched', async () => {
    const { client, transport } = fakeClient({ search: () => result(shown) });
    const store = createSearchStore(client);
    await store.getState().previewDrop('p1', 2);
    store.getState().setQuery('shoe');
    await store.getState().run();
    await store.getState().previewDrop('nope', 2);
    expect(transport.calls.filter((c) => c.method === 'rules.preview')).toHaveLength(0);
    expect(store.getState().dropPreview).toBeNull();
  });
});
