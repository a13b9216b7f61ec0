import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/main/engine/engine';
import { recommendFixture } from './recommend-fixture';

describe('rules.preview', () => {
  let fx: Awaited<ReturnType<typeof recommendFixture>>;
  let engine: Engine;
  beforeAll(async () => {
    fx = await recommendFixture(300, 40);
    engine = fx.engine;
  }, 120_000);
  afterAll(() => fx.env.cleanup());

  it('shows a query rule set before and after on the search it matches', async () => {
    const query = fx.catalog[0]!.title.split(' ').at(-1)!.toLowerCase();
    const plain = await engine.dispatcher.call('rules.preview', { slot: 'search', query, k: 10 });
    expect(plain.ruleIds).toEqual([]);
    expect(plain.moves.every((m) => m.move === 'same' && m.rules.length === 0)).toBe(true);
    const third = plain.after[2]!;
    const brand = plain.after.find((i) => i.brand !== undefined && i.brand !== third.brand)!.brand!;
    const exact = { match: 'exact', text: query } as const;
    const pin = await engine.dispatcher.call('rules.create', { kind: 'pin', target: { type: 'item', itemId: third.itemId }, position: 1, query: exact, confirm: { reason: 'under test' } });
    const bury = await engine.dispatcher.call('rules.create', { kind: 'bury', target: { type: 'brand', brand }, strength: 1, query: exact, confirm: { reason: 'under test' } });

    const onlyPin = await engine.dispatcher.call('rules.preview', { slot: 'search', query, k: 10, ruleIds: [pin.ruleId] });
    expect(onlyPin.ruleIds).toEqual([pin.ruleId]);
    // The bury serves in both lists: only the pin is compared.
    expect(onlyPin.after[0]!.itemId).toBe(third.itemId);
    expect(onlyPin.moves.find((m) => m.itemId === third.itemId)!.rules).toEqual([{ ruleId: pin.ruleId, action: 'pinned' }]);

    const both = await engine.dispatcher.call('rules.preview', { slot: 'search', query, k: 10 });
    expect(new Set(both.ruleIds)).toEqual(new Set([pin.ruleId, bury.ruleId]));
    const buried = both.moves.filter((m) => m.rules.some((r) => r.action === 'buried'));
    expect(buried.length).toBeGreaterThan(0);
    expect(buried.every((m) => m.brand?.toLowerCase() === brand.toLowerCase())).toBe(true);
    // Every item of that brand shown first before the rules (and not the pinned one) is further down after them.
    for (const m of both.moves.filter((x) => x.brand === brand && x.itemId !== third.itemId && x.before !== null)) expect(m.after === null || m.after > m.before!).toBe(true);

    // Another query: the exact-match rules do not fire.
    const other = await engine.dispatcher.call('rules.preview', { slot: 'search', query: `${query} zz`, k: 10 });
    expect(other.ruleIds).toEqual([]);
  });

  it('previews a draft pin against the rules in force without storing it, and names a bad draft field', async () => {
    const query = fx.catalog[1]!.title.split(' ').at(-1)!.toLowerCase();
    const plain = await engine.dispatcher.call('rules.preview', { slot: 'search', query, k: 10 });
    expect(plain.after.length).toBeGreaterThanOrEqual(5);
    const [first, , , fourth, fifth] = plain.after;
    const exact = { match: 'exact', text: query } as const;
    // A stored pin holds position 2; the draft pins the fifth item at 2: the newer pin takes it, the stored one moves to 3.
    const held = await engine.dispatcher.call('rules.create', { kind: 'pin', target: { type: 'item', itemId: fourth!.itemId }, position: 2, query: exact, confirm: { reason: 'under test' } });
    const rulesBefore = await engine.dispatcher.call('rules.list', {});
    const draft = { kind: 'pin', target: { type: 'item', itemId: fifth!.itemId }, position: 2, query: exact } as const;
    const preview = await engine.dispatcher.call('rules.preview', { slot: 'search', query, k: 10, draft });
    expect(preview.ruleIds).toEqual(['r-new']);
    // "Before" is the list as it serves now (the stored pin in force), "after" adds the draft.
    expect(preview.before.map((i) => i.itemId).slice(0, 2)).toEqual([first!.itemId, fourth!.itemId]);
    expect(preview.after.map((i) => i.itemId).slice(0, 3)).toEqual([first!.itemId, fifth!.itemId, fourth!.itemId]);
    const moved = new Map(preview.moves.map((m) => [m.itemId, m]));
    expect(moved.get(fifth!.itemId)).toMatchObject({ before: 5, after: 2, move: 'up', rules: [{ ruleId: 'r-new', action: 'pinned' }] });
    expect(moved.get(fourth!.itemId)).toMatchObject({ before: 2, after: 3, move: 'down', rules: [] });
    // Nothing was stored.
    expect(await engine.dispatcher.call('rules.list', {})).toEqual(rulesBefore);

    // A draft for another query does not apply to this list: nothing moves.
    const elsewhere = await engine.dispatcher.call('rules.preview', { slot: 'search', query, k: 10, draft: { ...draft, query: { match: 'exact', text: `${query} zz` } } });
    expect(elsewhere.ruleIds).toEqual([]);
    expect(elsewhere.moves.every((m) => m.move === 'same')).toBe(true);

    // A draft naming an unknown item is refused with the field under `draft.`; with ruleIds it is refused too.
    const unknown = engine.dispatcher.call('rules.preview', { slot: 'search', query, k: 10, draft: { ...draft, target: { type: 'item', itemId: 'no-such-item' } } });
    await expect(unknown).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'draft.target.itemId' })] });
    await expect(engine.dispatcher.call('rules.preview', { slot: 'search', query, k: 10, draft, ruleIds: [held.ruleId] })).rejects.toThrow(/ruleIds/);

    // An edit: the stored pin moved to 1 in the draft. "After" has the draft in its place (the item once, at 1), "before" the stored pin.
    const edit = await engine.dispatcher.call('rules.preview', { slot: 'search', query, k: 10, draft: { ...draft, target: { type: 'item', itemId: fourth!.itemId }, position: 1 }, replaces: held.ruleId });
    expect(edit.ruleIds).toEqual([held.ruleId]);
    expect(edit.before.map((i) => i.itemId).slice(0, 2)).toEqual([first!.itemId, fourth!.itemId]);
    expect(edit.after.map((i) => i.itemId).slice(0, 2)).toEqual([fourth!.itemId, first!.itemId]);
    expect(edit.after.filter((i) => i.itemId === fourth!.itemId)).toHaveLength(1);
    expect(await engine.dispatcher.call('rules.list', {})).toEqual(rulesBefore);
    await expect(engine.dispatcher.call('rules.preview', { slot: 'search', query, k: 10, draft, replaces: 'r-99999' })).rejects.toMatchObject({ issues: [{ path: 'replaces', message: 'not found' }] });
    await engine.dispatcher.call('rules.delete', { ruleId: held.ruleId });
  });

  it('the risk dialog of a rule save says what the rule does to the list it is scoped to', async () => {
    const query = fx.catalog[3]!.title.split(' ').at(-1)!.toLowerCase();
    const stored = await engine.dispatcher.call('rules.list', {});
    const plain = await engine.dispatcher.call('rules.preview', { slot: 'search', query, k: 10 });
    expect(plain.ruleIds).toEqual([]);
    const sixth = plain.after[5]!;
    const pin = { kind: 'pin', target: { type: 'item', itemId: sixth.itemId }, position: 1, slot: 'search', query: { match: 'exact', text: query } } as const;
    const assessed = await engine.dispatcher.call('guard.assess', { action: 'rules.save', rule: pin });
    const line = assessed.effects.find((e) => e.startsWith(`On a search for "${query}"`));
    expect(line).toBe(`On a search for "${query}" for a new anonymous shopper: 6 of the first 10 places change; "${sixth.title}" pinned (6 → 1).`);
    // Scheduled for later: it would not apply now.
    const later = await engine.dispatcher.call('guard.assess', { action: 'rules.save', rule: { ...pin, startsAt: Date.now() + 86_400_000 } });
    expect(later.effects.find((e) => e.startsWith('On a search'))).toMatch(/would not apply now/);
    // A pattern has no one search to show it on: no line, and nothing else breaks.
    const pattern = await engine.dispatcher.call('guard.assess', { action: 'rules.save', rule: { ...pin, query: { match: 'pattern', text: `${query}*` } } });
    expect(pattern.effects.some((e) => e.startsWith('On a search'))).toBe(false);
    expect(await engine.dispatcher.call('rules.list', {})).toEqual(stored);
  });

  it('refuses a search preview without a query', async () => {
    await expect(engine.dispatcher.call('rules.preview', { slot: 'search', k: 5 })).rejects.toThrow(/query/);
  });
});
