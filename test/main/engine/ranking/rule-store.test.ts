import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src/shared/contract/errors';
import { RuleStore } from '../../../../src/main/engine/ranking';
import { AuditLog } from '../../../../src/main/engine/store';
import { NOW, tempStore } from './ranking-fixtures';

describe('RuleStore', () => {
  let env: ReturnType<typeof tempStore>;
  let rules: RuleStore;
  beforeEach(() => {
    env = tempStore([
      { itemId: 'sku-1', title: 'One' },
      { itemId: 'sku-2', title: 'Two', brand: 'Acme', category: 'Sports > Running' },
    ]);
    rules = new RuleStore(env.db, { audit: new AuditLog(env.db), clock: () => NOW });
  });
  afterEach(() => env.cleanup());

  it('creates, reads, lists, updates and deletes rules with r-<n> ids, and audits each change', () => {
    const pin = rules.create({ kind: 'pin', target: { type: 'item', itemId: 'sku-1' }, position: 2, note: 'launch' });
    expect(pin).toMatchObject({ ruleId: 'r-1', kind: 'pin', position: 2, slot: '*', enabled: true, strength: 0.5, startsAt: null, note: 'launch' });
    const bury = rules.create({ kind: 'bury', target: { type: 'brand', brand: 'Acme' }, strength: 0.3, slot: 'home' });
    expect(bury.ruleId).toBe('r-2');
    expect(rules.get('r-2')).toEqual(bury);
    expect(rules.list().map((r) => r.ruleId)).toEqual(['r-1', 'r-2']);

    const off = rules.update('r-2', { enabled: false });
    expect(off).toMatchObject({ ruleId: 'r-2', enabled: false, strength: 0.3, slot: 'home' });
    expect(rules.active('home', NOW).map((r) => r.ruleId)).toEqual(['r-1']);

    rules.delete('r-1');
    expect(rules.get('r-1')).toBeUndefined();
    // A deleted rule's number is never given out again.
    expect(rules.create({ kind: 'filter', target: { type: 'outOfStock' } }).ruleId).toBe('r-3');
    const actions = env.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'rule.%' ORDER BY seq").all();
    expect(actions.map((a) => (a as { action: string }).action)).toEqual(['rule.create', 'rule.create', 'rule.update', 'rule.delete', 'rule.create']);
  });

  it('refuses a rule on an unknown item with an error naming target.itemId', () => {
    let err: unknown;
    try {
      rules.create({ kind: 'pin', target: { type: 'item', itemId: 'nope' }, position: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).message).toMatch(/target\.itemId.*unknown item "nope"/);
    expect((err as ContractError).issues).toEqual([{ path: 'target.itemId', message: expect.stringContaining('nope') }]);
    // The same check applies when an update changes the target.
    const boost = rules.create({ kind: 'boost', target: { type: 'item', itemId: 'sku-2' } });
    expect(() => rules.update(boost.ruleId, { target: { type: 'item', itemId: 'ghost' } })).toThrow(/target\.itemId/);
    expect(rules.list()).toHaveLength(1);
  });

  it('validates with the contract: a pin needs a position, a window must end after it starts, unknown ids are not found', () => {
    expect(() => rules.create({ kind: 'pin', target: { type: 'item', itemId: 'sku-1' } })).toThrow(/position: required/);
    expect(() => rules.create({ kind: 'boost', target: { type: 'brand', brand: 'A' }, startsAt: 10, endsAt: 5 })).toThrow(/endsAt/);
    expect(() => rules.create({ kind: 'boost', target: { type: 'brand', brand: 'A' }, colour: 'red' })).toThrow(ContractError);
    expect(() => rules.update('r-99', { enabled: false })).toThrow(/does not exist/);
    expect(() => rules.delete('x')).toThrow(/does not exist/);
  });
});
