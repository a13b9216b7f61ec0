import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/main/engine/engine';
import { recommendFixture } from './recommend-fixture';

describe('collections through the engine: a browse list and a rule scope', () => {
  let fx: Awaited<ReturnType<typeof recommendFixture>>;
  let engine: Engine;
  beforeAll(async () => {
    // Every list is ranked on a serving worker: the collection's items cross the thread boundary.
    fx = await recommendFixture(300, 40, { servingWorkers: 1, servingOffload: 'always' });
    engine = fx.engine;
  }, 120_000);
  afterAll(() => fx.env.cleanup());

  const ids = (list: { items: { itemId: string }[] }): string[] => list.items.map((i) => i.itemId);

  it('draws a collection’s list from its items alone, ranked for the shopper, leaving out what they bought', async () => {
    // Items the home list does not show first: the collection list is not the home list filtered.
    const members = fx.catalog.slice(100, 130).map((i) => i.itemId);
    const saved = await engine.dispatcher.call('collections.save', { collectionId: 'summer-sale', name: 'Summer sale', itemIds: members });
    expect(saved).toMatchObject({ collectionId: 'summer-sale', name: 'Summer sale', itemCount: 30 });
    const shopper = 'col-shopper';
    await engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId: shopper, itemId: members[3]! }, { type: 'purchase', shopperId: shopper, itemId: members[5]!, price: 5, quantity: 1 }] });
    const list = await engine.dispatcher.call('recommend', { shopperId: shopper, k: 20, slot: 'category', context: { collection: 'summer-sale' } });
    expect(list.items).toHaveLength(20);
    expect(ids(list).every((id) => members.includes(id))).toBe(true);
    expect(ids(list)).not.toContain(members[5]);
    // Ranked, not listed in the merchandiser's order.
    expect(ids(list)).not.toEqual(members.filter((id) => id !== members[5]).slice(0, 20));
    const home = await engine.dispatcher.call('recommend', { shopperId: shopper, k: 20, slot: 'category' });
    expect(ids(home).some((id) => !members.includes(id))).toBe(true);
  });

  it('fires a pin scoped to the collection on its list only, and shows it in the before/after', async () => {
    const members = fx.catalog.slice(140, 160).map((i) => i.itemId);
    await engine.dispatcher.call('collections.save', { collectionId: 'gifts', name: 'Gifts', itemIds: members });
    const before = await engine.dispatcher.call('recommend', { shopperId: 'col-new', k: 10, slot: 'home', context: { collection: 'gifts' } });
    const last = before.items[9]!.itemId;
    const pin = await engine.dispatcher.call('rules.create', { kind: 'pin', target: { type: 'item', itemId: last }, position: 1, slot: 'home', collection: 'gifts', confirm: { reason: 'under test' } });
    expect(pin.collection).toBe('gifts');
    const pinned = await engine.dispatcher.call('recommend', { shopperId: 'col-new', k: 10, slot: 'home', context: { collection: 'gifts' } });
    expect(pinned.items[0]).toMatchObject({ itemId: last, rules: [expect.objectContaining({ ruleId: pin.ruleId, kind: 'pin' })] });
    // Not on the slot's own list, nor on another collection's.
    const plain = await engine.dispatcher.call('recommend', { shopperId: 'col-new', k: 10, slot: 'home' });
    expect(plain.items.some((i) => i.rules.some((r) => r.ruleId === pin.ruleId))).toBe(false);
    const preview = await engine.dispatcher.call('rules.preview', { slot: 'home', collection: 'gifts', k: 10 });
    expect(preview.ruleIds).toEqual([pin.ruleId]);
    expect(preview.collection).toBe('gifts');
    expect(preview.after[0]!.itemId).toBe(last);
    expect((await engine.dispatcher.call('rules.preview', { slot: 'home', k: 10 })).ruleIds).toEqual([]);
    // The collection cannot go while the rule is scoped to it; the refusal names the rule.
    await expect(engine.dispatcher.call('collections.delete', { collectionId: 'gifts' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(pin.ruleId) });
    await engine.dispatcher.call('rules.delete', { ruleId: pin.ruleId });
    expect(await engine.dispatcher.call('collections.delete', { collectionId: 'gifts' })).toMatchObject({ collectionId: 'gifts' });
    await expect(engine.dispatcher.call('recommend', { shopperId: 'col-new', k: 10, context: { collection: 'gifts' } })).rejects.toMatchObject({ code: 'bad_request', issues: [{ path: 'context.collection', message: 'no collection "gifts" in the catalogue' }] });
  });

  it('refuses what no collection could be, naming the field: unknown items, repeats, bad handles, a search scope', async () => {
    const one = fx.catalog[0]!.itemId;
    await expect(engine.dispatcher.call('collections.save', { collectionId: 'c1', name: 'C', itemIds: [one, 'no-such-item', one] })).rejects.toMatchObject({
      code: 'bad_request',
      issues: [
        { path: 'itemIds.1', message: expect.stringContaining('unknown item "no-such-item"') },
        { path: 'itemIds.2', message: expect.stringContaining('listed twice (first at 0)') },
      ],
    });
    expect((await engine.dispatcher.call('collections.list', {})).some((c) => c.collectionId === 'c1')).toBe(false);
    await expect(engine.dispatcher.call('collections.save', { collectionId: 'Summer Sale', name: 'C', itemIds: [] })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'collectionId' })] });
    await expect(engine.dispatcher.call('rules.create', { kind: 'boost', target: { type: 'item', itemId: one }, collection: 'nowhere' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'collection', message: expect.stringContaining('unknown collection "nowhere"') })] });
    await engine.dispatcher.call('collections.save', { collectionId: 'c2', name: 'C2', itemIds: [one] });
    await expect(engine.dispatcher.call('rules.create', { kind: 'boost', target: { type: 'item', itemId: one }, collection: 'c2', query: { match: 'contains', text: 'x' } })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'collection' })] });
    await expect(engine.dispatcher.call('recommend', { shopperId: 'col-new', k: 5, context: { collection: 'Not a handle' } })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'context.collection' })] });
    await expect(engine.dispatcher.call('rules.preview', { slot: 'search', query: 'x', collection: 'c2' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'collection' })] });
  });

  it('keeps the merchandiser’s order and audits every write with what was added and removed', async () => {
    const members = fx.catalog.slice(10, 15).map((i) => i.itemId).reverse();
    await engine.dispatcher.call('collections.save', { collectionId: 'ordered', name: 'Ordered', itemIds: members });
    expect((await engine.dispatcher.call('collections.get', { collectionId: 'ordered' })).itemIds).toEqual(members);
    await engine.dispatcher.call('collections.save', { collectionId: 'ordered', name: 'Ordered again', itemIds: members.slice(1) });
    const audit = await engine.dispatcher.call('audit.list', { limit: 10 });
    const entries = audit.entries.filter((e) => e.target === 'ordered');
    expect(entries.map((e) => e.action)).toEqual(['collections.update', 'collections.create']);
    expect(entries[0]!.detail).toMatchObject({ name: 'Ordered again', added: [], removed: [members[0]], before: { name: 'Ordered', itemCount: 5 } });
    await expect(engine.dispatcher.call('collections.get', { collectionId: 'missing' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a rule may target a collection’s items anywhere: a boost lifts them on the home list, a filter hides them, a draft previews it', async () => {
    const shopper = 'col-target';
    await engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId: shopper, itemId: fx.catalog[0]!.itemId }] });
    const home = await engine.dispatcher.call('recommend', { shopperId: shopper, k: 20, slot: 'home' });
    // The list's last five items, made a collection.
    const tail = home.items.slice(15).map((i) => i.itemId);
    await engine.dispatcher.call('collections.save', { collectionId: 'lift', name: 'Lift', itemIds: tail });
    // Before saving: the draft's before/after shows the collection's items boosted.
    const draft = { kind: 'boost' as const, target: { type: 'collection' as const, collection: 'lift' }, strength: 1, slot: 'home' };
    const preview = await engine.dispatcher.call('rules.preview', { slot: 'home', shopperId: shopper, k: 20, draft });
    expect(preview.moves.filter((m) => m.rules.some((r) => r.action === 'boosted')).map((m) => m.itemId).sort()).toEqual([...tail].sort());
    const boost = await engine.dispatcher.call('rules.create', { ...draft, confirm: { reason: 'under test' } });
    const lifted = await engine.dispatcher.call('recommend', { shopperId: shopper, k: 20, slot: 'home' });
    const firstFive = lifted.items.slice(0, 5).map((i) => i.itemId);
    expect(firstFive.sort()).toEqual([...tail].sort());
    expect(lifted.items[0]!.rules.map((r) => r.ruleId)).toContain(boost.ruleId);
    // A collection a rule targets cannot be deleted either.
    await expect(engine.dispatcher.call('collections.delete', { collectionId: 'lift' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(boost.ruleId) });
    await engine.dispatcher.call('rules.delete', { ruleId: boost.ruleId });
    const hide = await engine.dispatcher.call('rules.create', { kind: 'filter', target: { type: 'collection', collection: 'lift' }, slot: 'home', confirm: { reason: 'under test' } });
    const hidden = await engine.dispatcher.call('recommend', { shopperId: shopper, k: 20, slot: 'home' });
    expect(hidden.items.some((i) => tail.includes(i.itemId))).toBe(false);
    await engine.dispatcher.call('rules.delete', { ruleId: hide.ruleId });
    await expect(engine.dispatcher.call('rules.create', { kind: 'boost', target: { type: 'collection', collection: 'nowhere' } })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'target.collection' })] });
  });
});
