import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/main/engine/engine';
import { recommendFixture } from './recommend-fixture';

describe('segment-scoped rules through the engine', () => {
  let fx: Awaited<ReturnType<typeof recommendFixture>>;
  let engine: Engine;
  beforeAll(async () => {
    // Every list is ranked on a serving worker: the rules' segment context crosses the thread boundary.
    fx = await recommendFixture(300, 40, { servingWorkers: 1, servingOffload: 'always' });
    engine = fx.engine;
  }, 120_000);
  afterAll(() => fx.env.cleanup());

  it('a pin for a segment the shop sends fires only on requests that send it, in search and its before/after', async () => {
    const query = fx.catalog[2]!.title.split(' ').at(-1)!.toLowerCase();
    const plain = await engine.dispatcher.call('search', { query, k: 10 });
    const fifth = plain.items[4]!;
    const pin = await engine.dispatcher.call('rules.create', { kind: 'pin', target: { type: 'item', itemId: fifth.itemId }, position: 1, query: { match: 'exact', text: query }, segment: 'vip', confirm: { reason: 'under test' } });
    expect(pin.segment).toBe('vip');
    expect((await engine.dispatcher.call('rules.list', {})).find((r) => r.ruleId === pin.ruleId)?.segment).toBe('vip');

    expect((await engine.dispatcher.call('search', { query, k: 10 })).items[0]!.itemId).not.toBe(fifth.itemId);
    const vip = await engine.dispatcher.call('search', { query, k: 10, segments: ['vip'] });
    expect(vip.items[0]).toMatchObject({ itemId: fifth.itemId, rules: [expect.objectContaining({ ruleId: pin.ruleId, kind: 'pin' })] });
    // The before/after, asked in the segment, shows it; asked without, the rule is not active for that list.
    expect((await engine.dispatcher.call('rules.preview', { slot: 'search', query, k: 10, segments: ['vip'] })).ruleIds).toEqual([pin.ruleId]);
    expect((await engine.dispatcher.call('rules.preview', { slot: 'search', query, k: 10 })).ruleIds).toEqual([]);
    // The explanation stored with the list names the rule that fired.
    expect((await engine.dispatcher.call('explain', { impressionId: vip.impressionId })).items[0]!.rules.map((r) => r.ruleId)).toEqual([pin.ruleId]);
    await engine.dispatcher.call('rules.delete', { ruleId: pin.ruleId });
  });

  it('a boost for buyers fires for a shopper whose recent events hold a purchase, not for a new one', async () => {
    const buyer = 'seg-buyer';
    await engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId: buyer, itemId: fx.catalog[3]!.itemId }, { type: 'purchase', shopperId: buyer, itemId: fx.catalog[3]!.itemId, price: 10, quantity: 1 }] });
    // The tenth item of the buyer's list, boosted for buyers.
    const item = (await engine.dispatcher.call('recommend', { shopperId: buyer, k: 20 })).items[9]!;
    const boost = await engine.dispatcher.call('rules.create', { kind: 'boost', target: { type: 'item', itemId: item.itemId }, strength: 1, slot: 'home', segment: 'buyer', confirm: { reason: 'under test' } });
    const fired = (list: { items: { itemId: string; rules: { ruleId: string }[] }[] }) => list.items.some((i) => i.rules.some((r) => r.ruleId === boost.ruleId));
    const forBuyer = await engine.dispatcher.call('recommend', { shopperId: buyer, k: 20 });
    expect(fired(forBuyer)).toBe(true);
    expect(forBuyer.items.findIndex((i) => i.itemId === item.itemId)).toBeLessThan(9);
    const newcomer = 'seg-new';
    await engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId: newcomer, itemId: fx.catalog[3]!.itemId }] });
    expect(fired(await engine.dispatcher.call('recommend', { shopperId: newcomer, k: 20 }))).toBe(false);
    // A shop may also say so itself.
    expect(fired(await engine.dispatcher.call('recommend', { shopperId: newcomer, k: 20, segments: ['buyer'] }))).toBe(true);
    await engine.dispatcher.call('rules.delete', { ruleId: boost.ruleId });
  });

  it('refuses a bad segment name with the field named', async () => {
    await expect(engine.dispatcher.call('rules.create', { kind: 'boost', target: { type: 'brand', brand: fx.catalog[0]!.brand! }, segment: 'VIP customers' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'segment' })] });
    await expect(engine.dispatcher.call('search', { query: 'shoe', segments: ['ok', 'Not OK'] })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'segments.1' })] });
  });
});
