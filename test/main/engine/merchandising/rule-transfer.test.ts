import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError, RulesImportRequest, type RulesDocument } from '../../../../src/shared/contract';
import { RuleStore } from '../../../../src/main/engine/ranking';
import { AuditLog } from '../../../../src/main/engine/store';
import { SynonymStore } from '../../../../src/main/engine/retrieval/synonym-store';
import { matchEntries, RuleTransfer } from '../../../../src/main/engine/merchandising/rule-transfer';
import { RuleHistoryQuery } from '../../../../src/main/engine/merchandising/rule-history';
import { NOW, tempStore } from '../ranking/ranking-fixtures';

const APPLY = { dryRun: false, actor: 'ana', reason: 'seasonal reset' } as const;

describe('rules export and import', () => {
  let env: ReturnType<typeof tempStore>;
  let rules: RuleStore;
  let synonyms: SynonymStore;
  let transfer: RuleTransfer;
  let refreshed: number;
  const auditActions = (): string[] => (env.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((r) => r.action);
  beforeEach(() => {
    env = tempStore([
      { itemId: 'sku-1', title: 'One' },
      { itemId: 'sku-2', title: 'Two', brand: 'Acme', category: 'Sports > Running' },
    ]);
    const audit = new AuditLog(env.db);
    rules = new RuleStore(env.db, { audit, clock: () => NOW });
    synonyms = new SynonymStore(env.db, audit);
    refreshed = 0;
    transfer = new RuleTransfer({ db: env.db, rules, audit, refreshSynonyms: () => refreshed++, clock: () => NOW });
  });
  afterEach(() => env.cleanup());

  const seed = (): void => {
    rules.create({ kind: 'pin', target: { type: 'item', itemId: 'sku-1' }, position: 2, note: 'launch' });
    rules.create({
      kind: 'boost',
      target: { type: 'brand', brand: 'Acme' },
      strength: 0.3,
      slot: 'search',
      query: { match: 'contains', text: 'shoe' },
      category: 'Sports',
      schedule: { timeZone: 'Europe/Paris', windows: [{ days: [1, 2], from: '09:00', to: '17:00' }] },
    });
    synonyms.set({ kind: 'two-way', terms: ['sneaker', 'trainer'] }, undefined);
    synonyms.set({ kind: 'one-way', from: 'tee', terms: ['t-shirt'] }, undefined);
  };
  /** What a document's entries say, without ids: what a round trip must keep. */
  const content = (doc: RulesDocument) => ({
    rules: doc.rules.map(({ ruleId: _id, ...r }) => r),
    synonyms: doc.synonyms.map(({ synonymId: _id, ...s }) => s),
  });

  it('round-trips: an export, imported with replace into an empty store, exports the same rules and synonyms', async () => {
    seed();
    const doc = transfer.export();
    expect(doc).toMatchObject({ format: 'instinct.merchandising', version: 1, exportedAt: NOW });
    expect(doc.rules.map((r) => r.ruleId)).toEqual(['r-1', 'r-2']);
    // The document goes through JSON and the contract, as it does from the console.
    const request = RulesImportRequest.parse({ document: JSON.parse(JSON.stringify(doc)), mode: 'replace', confirm: { reason: 'copy' } });

    // Into a second, empty installation.
    const other = tempStore([
      { itemId: 'sku-1', title: 'One' },
      { itemId: 'sku-2', title: 'Two', brand: 'Acme', category: 'Sports > Running' },
    ]);
    try {
      const otherRules = new RuleStore(other.db, { audit: new AuditLog(other.db), clock: () => NOW });
      const otherTransfer = new RuleTransfer({ db: other.db, rules: otherRules, audit: new AuditLog(other.db), refreshSynonyms: () => undefined, clock: () => NOW });
      const result = await otherTransfer.import(request.document, { mode: 'replace', ...APPLY });
      expect(result.applied).toBe(true);
      expect(result.rules.added.map((a) => a.index)).toEqual([0, 1]);
      expect(result.synonyms.added).toHaveLength(2);
      expect(content(otherTransfer.export())).toEqual(content(doc));
    } finally {
      other.cleanup();
    }

    // Into the same store: nothing changes, and the rules keep their ids.
    const again = await transfer.import(request.document, { mode: 'replace', ...APPLY });
    expect(again.rules).toEqual({ added: [], removed: [], unchanged: 2 });
    expect(again.synonyms).toEqual({ added: [], removed: [], unchanged: 2 });
    expect(rules.list().map((r) => r.ruleId)).toEqual(['r-1', 'r-2']);
  });

  it('replace removes what the document lacks; add keeps it and skips entries equal to existing ones', async () => {
    seed();
    const doc = transfer.export();
    const incoming = {
      rules: [doc.rules[0], { kind: 'bury', target: { type: 'category', category: 'Sports' }, strength: 0.2 }],
      synonyms: [{ kind: 'two-way', terms: ['hoodie', 'sweatshirt'] }],
    };

    const added = await transfer.import(incoming, { mode: 'add', ...APPLY });
    expect(added.rules.unchanged).toBe(1);
    expect(added.rules.added.map((a) => [a.index, a.rule.ruleId, a.rule.kind])).toEqual([[1, 'r-3', 'bury']]);
    expect(added.rules.removed).toEqual([]);
    expect(rules.list().map((r) => r.ruleId)).toEqual(['r-1', 'r-2', 'r-3']);
    expect(synonyms.list()).toHaveLength(3);

    const replaced = await transfer.import(incoming, { mode: 'replace', ...APPLY });
    // r-1 and r-3 equal the entries (kept, ids and history intact); r-2 and the seeded synonyms go.
    expect(replaced.rules).toMatchObject({ added: [], unchanged: 2 });
    expect(replaced.rules.removed.map((r) => r.ruleId)).toEqual(['r-2']);
    expect(replaced.synonyms.removed.map((s) => s.terms)).toEqual([['sneaker', 'trainer'], ['t-shirt']]);
    expect(rules.list().map((r) => r.ruleId)).toEqual(['r-1', 'r-3']);
    expect(synonyms.list().map((s) => s.terms)).toEqual([['hoodie', 'sweatshirt']]);
    expect(refreshed).toBe(2);
  });

  it('audits every write with the actor, the reason and the import, plus one summary entry', async () => {
    seed();
    const before = auditActions().length;
    await transfer.import({ rules: [{ kind: 'filter', target: { type: 'outOfStock' } }], synonyms: [{ kind: 'two-way', terms: ['cap', 'hat'] }] }, { mode: 'replace', ...APPLY });
    const rows = env.db.prepare('SELECT actor, action, target, detail FROM audit_log WHERE seq > ? ORDER BY seq').all(before) as { actor: string; action: string; target: string | null; detail: string }[];
    expect(rows.map((r) => r.action)).toEqual(['rule.delete', 'rule.delete', 'synonyms.delete', 'synonyms.delete', 'rule.create', 'synonyms.create', 'rules.import']);
    expect(rows.every((r) => r.actor === 'ana')).toBe(true);
    for (const row of rows.slice(0, -1)) expect(JSON.parse(row.detail)).toMatchObject({ via: 'rules.import', reason: 'seasonal reset' });
    expect(JSON.parse((rows.at(-1) as { detail: string }).detail)).toMatchObject({
      mode: 'replace',
      reason: 'seasonal reset',
      rules: { added: ['r-3'], removed: ['r-1', 'r-2'], unchanged: 0 },
      synonyms: { unchanged: 0 },
    });
    // The per-rule history shows the import as the reason for the deletion.
    const history = new RuleHistoryQuery(env.db).history('r-1', 10);
    expect(history.entries.map((e) => [e.action, e.via, e.reason])).toEqual([
      ['rule.delete', 'rules.import', 'seasonal reset'],
      ['rule.create', null, null],
    ]);
  });

  it('refuses a document with bad entries, naming each entry index and field, and changes nothing', async () => {
    seed();
    const before = { rules: rules.list(), synonyms: synonyms.list(), audit: auditActions().length };
    let err: unknown;
    try {
      await transfer.import(
        {
          rules: [
            { kind: 'boost', target: { type: 'brand', brand: 'Acme' } },
            { kind: 'pin', target: { type: 'item', itemId: 'sku-1' } },
            { kind: 'boost', target: { type: 'item', itemId: 'ghost' } },
            'not a rule',
          ],
          synonyms: [{ kind: 'one-way', terms: ['x'] }],
        },
        { mode: 'replace', ...APPLY },
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ContractError);
    const error = err as ContractError;
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(/^import refused, nothing was changed: document\.rules\.1\.position: required for a pin rule \(and 3 more\)$/);
    expect(error.issues.map((i) => i.path)).toEqual(['document.rules.1.position', 'document.rules.2.target.itemId', 'document.rules.3', 'document.synonyms.0.from']);
    expect(error.issues[1]?.message).toMatch(/unknown item "ghost"/);
    expect({ rules: rules.list(), synonyms: synonyms.list(), audit: auditActions().length }).toEqual(before);
  });

  it('rolls back every write when a synonym set fails a check only the store makes', async () => {
    seed();
    const before = { rules: rules.list(), synonyms: synonyms.list(), audit: auditActions().length };
    // Valid by the schema, but a phrase cannot repeat: the store refuses it after earlier writes were made.
    await expect(
      transfer.import({ rules: [{ kind: 'filter', target: { type: 'outOfStock' } }], synonyms: [{ kind: 'two-way', terms: ['cap', 'hat'] }, { kind: 'two-way', terms: ['bag', 'Bag'] }] }, { mode: 'replace', ...APPLY }),
    ).rejects.toThrow(/document\.synonyms\.1\.terms\.1: repeats/);
    expect({ rules: rules.list(), synonyms: synonyms.list(), audit: auditActions().length }).toEqual(before);
    // The search side is reloaded from what the database holds after the rollback.
    expect(refreshed).toBe(1);
  });

  it('names the entry when the catalogue changed between the check and the writes, and rolls back', async () => {
    seed();
    const before = { rules: rules.list(), audit: auditActions().length };
    const pending = transfer.import(
      { rules: [{ kind: 'filter', target: { type: 'outOfStock' } }, { kind: 'boost', target: { type: 'item', itemId: 'sku-2' } }], synonyms: [] },
      { mode: 'add', ...APPLY },
    );
    // The entries were checked synchronously; the item goes before the writes start.
    env.db.prepare("DELETE FROM items WHERE item_id = 'sku-2'").run();
    await expect(pending).rejects.toThrow(/document\.rules\.1\.target\.itemId: unknown item "sku-2"/);
    expect({ rules: rules.list(), audit: auditActions().length }).toEqual(before);
  });

  it('a dry run answers with the changes and stores nothing', async () => {
    seed();
    const before = { rules: rules.list(), synonyms: synonyms.list(), audit: auditActions().length };
    const result = await transfer.import({ rules: [{ kind: 'filter', target: { type: 'outOfStock' } }], synonyms: [] }, { mode: 'replace', actor: 'ana', reason: null, dryRun: true });
    expect(result).toMatchObject({ dryRun: true, applied: false });
    expect(result.rules.added.map((a) => a.rule.kind)).toEqual(['filter']);
    expect(result.rules.removed.map((r) => r.ruleId)).toEqual(['r-1', 'r-2']);
    expect(result.synonyms.removed).toHaveLength(2);
    expect({ rules: rules.list(), synonyms: synonyms.list(), audit: auditActions().length }).toEqual(before);
  });

  it('the contract refuses an applying import without a reason, another format, and a non-object entry', async () => {
    const doc = { format: 'instinct.merchandising', version: 1, rules: [], synonyms: [] };
    expect(RulesImportRequest.safeParse({ document: doc, mode: 'add' }).success).toBe(false);
    expect(RulesImportRequest.safeParse({ document: doc, mode: 'add', dryRun: true }).success).toBe(true);
    const other = RulesImportRequest.safeParse({ document: { ...doc, format: 'something-else' }, mode: 'add', dryRun: true });
    expect(other.success ? [] : other.error.issues.map((i) => i.path.join('.'))).toEqual(['document.format']);
    const v2 = RulesImportRequest.safeParse({ document: { ...doc, version: 2 }, mode: 'add', dryRun: true });
    expect(v2.success ? '' : v2.error.issues[0]?.message).toMatch(/version 1/);
    const bad = RulesImportRequest.safeParse({ document: { ...doc, rules: [{ kind: 'pin' }, 7] }, mode: 'add', dryRun: true });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.'))).toEqual(['document.rules.1']);
  });

  it('matches entries to existing ones one to one', async () => {
    expect(matchEntries(['a', 'b', 'a'], ['a', 'a', 'a', 'c'])).toEqual({ matched: 2, fresh: [2, 3], unmatched: [1] });
  });
});
