import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempEngine } from '../../../helpers/temp-dir';
import { ContractError, type CatalogItem } from '../../../../src/shared/contract';

const ITEMS: CatalogItem[] = [
  { itemId: 'shoe', title: 'Trail running shoe', brand: 'Stride', category: 'Sports > Footwear', price: 90 },
  { itemId: 'kettle', title: 'Steel kettle', brand: 'Kitchenco', category: 'Home > Kitchen', price: 30 },
];

describe('rules.export / rules.import / rules.history through the engine', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(async () => {
    env = tempEngine();
    await env.engine.dispatcher.call('catalog.upsert', { items: ITEMS });
  });
  afterEach(() => env.cleanup());

  it('imports a rule and a synonym set that serve at once, with history, and refuses a bad document by entry and field', async () => {
    const call = env.engine.dispatcher.call.bind(env.engine.dispatcher);
    const document = {
      format: 'instinct.merchandising',
      version: 1,
      rules: [{ kind: 'pin', target: { type: 'item', itemId: 'kettle' }, position: 1, slot: 'search', query: { match: 'exact', text: 'teapot' } }],
      synonyms: [{ kind: 'one-way', from: 'teapot', terms: ['kettle'] }],
    };
    const dry = await call('rules.import', { document, mode: 'add', dryRun: true });
    expect(dry).toMatchObject({ applied: false, rules: { unchanged: 0 }, synonyms: { unchanged: 0 } });
    expect((await call('search', { query: 'teapot', k: 5 })).items).toEqual([]);
    expect(await call('rules.list', {})).toEqual([]);

    // Applying needs a reason.
    await expect(call('rules.import', { document, mode: 'add' })).rejects.toThrow(/confirm/);
    const applied = await call('rules.import', { document, mode: 'add', confirm: { reason: 'teapot campaign' } });
    expect(applied.applied).toBe(true);
    const ruleId = applied.rules.added[0]!.rule.ruleId;
    // The synonym is live for search without a restart, and the pin fires on it.
    const found = await call('search', { query: 'teapot', k: 5 });
    expect(found.rewrite?.synonyms).toEqual([{ typed: 'teapot', synonyms: ['kettle'] }]);
    expect(found.items[0]).toMatchObject({ itemId: 'kettle' });
    expect(found.items[0]!.rules.map((r) => r.ruleId)).toEqual([ruleId]);

    const history = await call('rules.history', { ruleId });
    expect(history.entries).toMatchObject([{ action: 'rule.create', via: 'rules.import', reason: 'teapot campaign' }]);
    await expect(call('rules.history', { ruleId: 'r-404' })).rejects.toThrow(/does not exist/);

    const exported = await call('rules.export', {});
    expect(exported.rules).toHaveLength(1);
    expect(exported.synonyms).toMatchObject([{ kind: 'one-way', from: 'teapot', terms: ['kettle'] }]);

    // A document whose second rule names an unknown item: refused whole, naming rules.1.target.itemId.
    let err: unknown;
    try {
      await call('rules.import', { document: { ...document, rules: [{ kind: 'filter', target: { type: 'outOfStock' } }, { kind: 'boost', target: { type: 'item', itemId: 'ghost' } }] }, mode: 'replace', confirm: { reason: 'x y z' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).issues).toEqual([{ path: 'document.rules.1.target.itemId', message: expect.stringContaining('ghost') }]);
    expect((await call('rules.list', {})).map((r) => r.ruleId)).toEqual([ruleId]);

    // The whole import is in the audit log: each write and the summary.
    const audit = await call('audit.list', { action: 'rules.import' });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]!.detail).toMatchObject({ mode: 'add', reason: 'teapot campaign', rules: { added: [ruleId] } });
  });
});
