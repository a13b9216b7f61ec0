import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src/shared/contract';
import { RuleStore } from '../../../../src/main/engine/ranking';
import { AuditLog } from '../../../../src/main/engine/store';
import { RuleHistoryQuery } from '../../../../src/main/engine/merchandising/rule-history';
import { RuleTransfer } from '../../../../src/main/engine/merchandising/rule-transfer';
import { merchandisingHandlers } from '../../../../src/main/engine/merchandising/merchandising-handlers';
import { NOW, tempStore } from '../ranking/ranking-fixtures';

describe('a rule’s history', () => {
  let env: ReturnType<typeof tempStore>;
  let rules: RuleStore;
  let history: RuleHistoryQuery;
  beforeEach(() => {
    env = tempStore([{ itemId: 'sku-1', title: 'One', brand: 'Acme' }]);
    rules = new RuleStore(env.db, { audit: new AuditLog(env.db), clock: () => NOW });
    history = new RuleHistoryQuery(env.db);
  });
  afterEach(() => env.cleanup());

  it('lists who changed the rule and which fields, newest first, with the guard’s reason', () => {
    rules.create({ kind: 'boost', target: { type: 'brand', brand: 'Acme' }, strength: 0.3 }, { actor: 'ana' });
    rules.create({ kind: 'filter', target: { type: 'outOfStock' } }, { actor: 'ana' });
    rules.update('r-1', { strength: 0.6, note: 'stronger' }, { actor: 'ben', detail: { reason: 'spring campaign', assessment: {} } });
    rules.update('r-1', { enabled: false }, { actor: 'cy' });
    rules.delete('r-1', { actor: 'dee' });

    const h = history.history('r-1', 50);
    expect(h.entries.map((e) => [e.action, e.actor])).toEqual([
      ['rule.delete', 'dee'],
      ['rule.update', 'cy'],
      ['rule.update', 'ben'],
      ['rule.create', 'ana'],
    ]);
    const [deleted, disabled, strengthened, created] = h.entries;
    expect(deleted?.changes).toEqual([]);
    expect(disabled?.changes).toEqual([{ field: 'enabled', before: true, after: false }]);
    expect(strengthened?.changes).toEqual([
      { field: 'strength', before: 0.3, after: 0.6 },
      { field: 'note', before: '', after: 'stronger' },
    ]);
    expect(strengthened?.reason).toBe('spring campaign');
    expect(created?.changes.map((c) => c.field)).toEqual(['kind', 'target', 'strength', 'slot', 'enabled', 'note']);
    // Another rule's writes are not in it, and the limit keeps the newest.
    expect(history.history('r-2', 50).entries).toHaveLength(1);
    expect(history.history('r-1', 2).entries.map((e) => e.action)).toEqual(['rule.delete', 'rule.update']);
  });

  it('rules.history refuses an id that never was a rule', () => {
    const audit = new AuditLog(env.db);
    const handlers = merchandisingHandlers({ transfer: new RuleTransfer({ db: env.db, rules, audit, refreshSynonyms: () => undefined }), history, rules });
    expect(() => handlers['rules.history']?.({ ruleId: 'r-9', limit: 10 }, { transport: 'direct' })).toThrow(ContractError);
  });
});
