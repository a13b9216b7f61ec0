import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src/shared/contract/errors';
import { RuleStore } from '../../../../src/main/engine/ranking';
import { NOW, tempStore } from './ranking-fixtures';

function refusal(run: () => unknown): ContractError {
  try {
    run();
  } catch (e) {
    if (e instanceof ContractError) return e;
    throw e;
  }
  throw new Error('the rule was accepted');
}

describe('rule validation: unknown targets', () => {
  let env: ReturnType<typeof tempStore>;
  let rules: RuleStore;
  beforeEach(() => {
    env = tempStore([
      { itemId: 'sku-1', title: 'Road shoe', brand: 'Acme', category: 'Shoes > Running > Road' },
      { itemId: 'sku-2', title: 'Sock', brand: 'Sockco', category: 'Apparel > Socks' },
    ]);
    rules = new RuleStore(env.db, { clock: () => NOW, extraSlots: () => ['newsletter'] });
  });
  afterEach(() => env.cleanup());

  it('refuses "Nonexistentbrand" on slot "hom", naming both fields and values', () => {
    const err = refusal(() => rules.create({ kind: 'boost', target: { type: 'brand', brand: 'Nonexistentbrand' }, slot: 'hom' }));
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(/target\.brand: unknown brand "Nonexistentbrand"/);
    expect(err.issues).toEqual([
      { path: 'target.brand', message: expect.stringContaining('"Nonexistentbrand"') },
      { path: 'slot', message: expect.stringContaining('"hom"') },
    ]);
    expect(rules.list()).toEqual([]);
  });

  it('refuses unknown categories (as a target and as a scope) and items; accepts known ones, ancestors and any case', () => {
    expect(refusal(() => rules.create({ kind: 'bury', target: { type: 'category', category: 'Shoes > Hiking' } })).issues).toEqual([
      { path: 'target.category', message: expect.stringContaining('"Shoes > Hiking"') },
    ]);
    expect(refusal(() => rules.create({ kind: 'bury', target: { type: 'brand', brand: 'Acme' }, category: 'Shoe' })).issues).toEqual([
      { path: 'category', message: expect.stringContaining('"Shoe"') },
    ]);
    expect(refusal(() => rules.create({ kind: 'pin', target: { type: 'item', itemId: 'sku-9' }, position: 1 })).issues).toEqual([
      { path: 'target.itemId', message: expect.stringContaining('"sku-9"') },
    ]);
    expect(rules.create({ kind: 'bury', target: { type: 'category', category: 'shoes > running' } }).ruleId).toBe('r-1');
    expect(rules.create({ kind: 'boost', target: { type: 'brand', brand: 'acme' }, category: 'Shoes' }).ruleId).toBe('r-2');
  });

  it('knows the built-in slots, configured ones and slots lists were served for; checks updates too', () => {
    for (const slot of ['*', 'home', 'search', 'product', 'category', 'newsletter']) expect(() => rules.create({ kind: 'filter', target: { type: 'outOfStock' }, slot })).not.toThrow();
    expect(refusal(() => rules.create({ kind: 'filter', target: { type: 'outOfStock' }, slot: 'footer' })).issues[0]?.path).toBe('slot');
    env.db.prepare("INSERT INTO impressions (impression_id, created_at, slot, cold_start, weights_version, model_version, purchase_intent, items, took_ms, policy) VALUES ('i-1', 1, 'footer', 0, 1, 'm', 0, '[]', 1, 'weights')").run();
    expect(rules.create({ kind: 'filter', target: { type: 'outOfStock' }, slot: 'footer' }).slot).toBe('footer');
    const r = rules.create({ kind: 'boost', target: { type: 'brand', brand: 'Acme' } });
    expect(refusal(() => rules.update(r.ruleId, { target: { type: 'brand', brand: 'Ghost' } })).issues[0]?.path).toBe('target.brand');
    expect(rules.get(r.ruleId)?.target).toEqual({ type: 'brand', brand: 'Acme' });
  });

  it('stores query, scope, schedule and redirect URL and reads them back', () => {
    const stored = rules.create({
      kind: 'redirect',
      target: { type: 'all' },
      url: 'https://shop.example/returns',
      query: { match: 'pattern', text: 'return*' },
      category: 'Apparel',
      schedule: { timeZone: 'Europe/Paris', windows: [{ days: [1, 2], from: '08:00', to: '20:00' }] },
    });
    expect(rules.get(stored.ruleId)).toEqual(stored);
    expect(stored).toMatchObject({ query: { match: 'pattern', text: 'return*' }, category: 'Apparel', url: 'https://shop.example/returns' });
    expect(refusal(() => rules.create({ kind: 'redirect', target: { type: 'all' }, url: 'javascript:alert(1)', query: { match: 'exact', text: 'x' } })).message).toMatch(/url/);
    expect(refusal(() => rules.create({ kind: 'redirect', target: { type: 'all' }, url: 'https://a.example' })).message).toMatch(/query/);
    expect(refusal(() => rules.create({ kind: 'boost', target: { type: 'brand', brand: 'Acme' }, url: 'https://a.example' })).message).toMatch(/url/);
  });

  it('offers the pickers exactly what validation accepts: slots, categories with their ancestors, brands', () => {
    const options = rules.options();
    expect(options.categories).toEqual(['Apparel', 'Apparel > Socks', 'Shoes', 'Shoes > Running', 'Shoes > Running > Road']);
    expect(options.brands).toEqual(['Acme', 'Sockco']);
    expect(options.slots).toEqual(expect.arrayContaining(['home', 'search', 'newsletter']));
    for (const category of options.categories) expect(() => rules.create({ kind: 'bury', target: { type: 'category', category } })).not.toThrow();
    // Collections: offered once they exist, and a rule may be scoped to one only then.
    expect(options.collections).toEqual([]);
    expect(refusal(() => rules.create({ kind: 'boost', target: { type: 'brand', brand: 'Acme' }, collection: 'sale' })).issues[0]?.path).toBe('collection');
    env.db.prepare("INSERT INTO collections (collection_id, name, created_at, updated_at) VALUES ('sale', 'Sale', 1, 1)").run();
    expect(rules.options().collections).toEqual([{ collectionId: 'sale', name: 'Sale' }]);
    expect(rules.create({ kind: 'boost', target: { type: 'brand', brand: 'Acme' }, collection: 'sale' }).collection).toBe('sale');
  });
});
