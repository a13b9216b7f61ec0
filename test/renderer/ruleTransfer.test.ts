import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { StoresProvider } from '../../src/renderer/src/app/StoresContext';
import { RulesPage } from '../../src/renderer/src/pages/rules/RulesPage';
import { RuleDetails } from '../../src/renderer/src/pages/rules/RuleDetails';
import { createAppStores, type AppStores } from '../../src/renderer/src/stores/appStores';
import { createItemPickerStore } from '../../src/renderer/src/stores/itemPickerStore';
import { createRuleTransferStore, rulesExportFileName } from '../../src/renderer/src/stores/ruleTransferStore';
import { ContractError, type Rule, type RulesImportResult } from '../../src/renderer/src/transport/contract';
import { fakeClient } from './fakes';
import { counts, metricsRow } from './loopFixtures';

function render(stores: AppStores, children: ReactElement = createElement(RulesPage)): string {
  for (const store of Object.values(stores) as Array<{ getInitialState: () => unknown; getState: () => unknown }>) store.getInitialState = store.getState;
  return renderToStaticMarkup(createElement(StoresProvider, { stores, children }));
}
const details = (ruleId: string): ReactElement => createElement(RuleDetails, { ruleId });

const rule = (ruleId: string, overrides: Partial<Rule> = {}): Rule => ({
  ruleId,
  kind: 'boost',
  target: { type: 'brand', brand: 'Acme' },
  strength: 0.5,
  slot: '*',
  startsAt: null,
  endsAt: null,
  enabled: true,
  note: '',
  query: null,
  category: null,
  schedule: null,
  url: null,
  createdAt: 1,
  updatedAt: 1,
  ...overrides,
});

const preview: RulesImportResult = {
  mode: 'replace',
  dryRun: true,
  applied: false,
  rules: { added: [{ index: 0, rule: rule('r-9', { kind: 'pin', target: { type: 'item', itemId: 'sku-7' }, position: 1 }) }], removed: [rule('r-2')], unchanged: 3 },
  synonyms: { added: [], removed: [{ synonymId: 's1', kind: 'one-way', from: 'tv', terms: ['television'], updatedAt: 1 }], unchanged: 0 },
};
const doc = { format: 'instinct.merchandising', version: 1, rules: [{ kind: 'pin', target: { type: 'item', itemId: 'sku-7' }, position: 1 }], synonyms: [] };

describe('rules export and import in the console', () => {
  it('exports to a dated JSON file', async () => {
    const saved: { name: string; text: string }[] = [];
    const { client } = fakeClient({ 'rules.export': () => ({ format: 'instinct.merchandising', version: 1, exportedAt: 5, rules: [], synonyms: [] }) });
    const store = createRuleTransferStore(client, { save: (name, text) => saved.push({ name, text }), clock: () => Date.UTC(2026, 11, 5) });
    await store.getState().exportAll();
    expect(saved).toHaveLength(1);
    expect(saved[0]?.name).toBe('instinct-rules-2026-12-05.json');
    expect(JSON.parse(saved[0]?.text ?? '')).toMatchObject({ format: 'instinct.merchandising', version: 1 });
    expect(rulesExportFileName(0)).toBe('instinct-rules-1970-01-01.json');
  });

  it('previews a chosen file with a dry run, and applies it only with a reason, in the chosen mode', async () => {
    const onApplied = vi.fn();
    const { client, transport } = fakeClient({ 'rules.import': (input) => ((input as { dryRun: boolean }).dryRun ? preview : { ...preview, dryRun: false, applied: true }) });
    const store = createRuleTransferStore(client, { onApplied });
    await store.getState().chooseFile('rules.json', JSON.stringify(doc));
    expect(transport.calls.map((c) => c.input)).toEqual([{ document: doc, mode: 'add', dryRun: true }]);
    await store.getState().setMode('replace');
    expect(transport.calls.at(-1)?.input).toEqual({ document: doc, mode: 'replace', dryRun: true });
    expect(store.getState().preview).toEqual(preview);
    // Nothing is applied on a preview.
    expect(onApplied).not.toHaveBeenCalled();

    // The page shows what would change and keeps Apply off until a reason is typed.
    const stores = createAppStores(client);
    stores.ruleTransfer.setState(store.getState());
    const html = render(stores);
    expect(html).toContain('data-testid="rules-import-preview"');
    expect(html).toContain('Rules: 1 added, 1 removed, 3 unchanged');
    expect(html).toContain('Synonym sets: 0 added, 1 removed, 0 unchanged');
    expect(html).toContain('Item sku-7');
    expect(html).toContain('tv → television');
    expect(html).toMatch(/data-testid="rules-import-apply" disabled=""/);
    expect(html).not.toMatch(/\{[a-z]+\}/i);

    store.getState().setReason('  spring reset ');
    const stores2 = createAppStores(client);
    stores2.ruleTransfer.setState(store.getState());
    expect(render(stores2)).not.toMatch(/data-testid="rules-import-apply" disabled=""/);

    expect(await store.getState().apply()).toBe(true);
    expect(transport.calls.at(-1)?.input).toEqual({ document: doc, mode: 'replace', dryRun: false, confirm: { reason: 'spring reset' } });
    expect(onApplied).toHaveBeenCalledTimes(1);
    expect(store.getState()).toMatchObject({ file: null, preview: null, applied: { applied: true } });
  });

  it('shows the engine’s refusal with every entry index and field at fault, and a file that is not JSON', async () => {
    const { client } = fakeClient({
      'rules.import': () => {
        throw new ContractError('bad_request', 'import refused, nothing was changed: document.rules.1.position: required for a pin rule (and 1 more)', [
          { path: 'document.rules.1.position', message: 'required for a pin rule' },
          { path: 'document.synonyms.0.terms.1', message: 'repeats "Bag"' },
        ]);
      },
    });
    const stores = createAppStores(client);
    await stores.ruleTransfer.getState().chooseFile('bad.json', JSON.stringify(doc));
    expect(stores.ruleTransfer.getState().issues.map((i) => i.path)).toEqual(['document.rules.1.position', 'document.synonyms.0.terms.1']);
    const html = render(stores);
    expect(html).toContain('data-path="document.rules.1.position"');
    expect(html).toContain('repeats &quot;Bag&quot;');
    expect(html).not.toContain('data-testid="rules-import-apply"');

    await stores.ruleTransfer.getState().chooseFile('notes.txt', 'pin sku-1 at 1');
    expect(stores.ruleTransfer.getState().error).toMatch(/^notes\.txt is not JSON: /);
    expect(stores.ruleTransfer.getState().file).toBeNull();
  });
});

describe('a rule’s details', () => {
  const stores = () => createAppStores(fakeClient().client);

  it('shows its history with who, when and what changed', () => {
    const s = stores();
    s.ruleInsights.setState({
      open: 'r-1',
      history: {
        ruleId: 'r-1',
        entries: [
          { seq: 9, ts: Date.UTC(2026, 2, 2), actor: 'ben', action: 'rule.update', changes: [{ field: 'strength', before: 0.3, after: 0.6 }], reason: 'spring campaign', via: null },
          { seq: 3, ts: Date.UTC(2026, 2, 1), actor: 'ana', action: 'rule.create', changes: [{ field: 'target', before: null, after: { type: 'brand', brand: 'Acme' } }], reason: null, via: 'rules.import' },
        ],
      },
      performance: [],
    });
    const html = render(s, details('r-1'));
    expect(html.match(/data-testid="rule-history-entry"/g)).toHaveLength(2);
    expect(html).toContain('Changed by ben');
    expect(html).toContain('Strength: 0.3 → 0.6');
    expect(html).toContain('Reason: spring campaign');
    expect(html).toContain('Created by ana');
    expect(html).toContain('Target: — → Brand Acme');
    expect(html).toContain('by an import');
  });

  it('is honest about performance: none served, served without rewards, and figures with an interval', () => {
    const s = stores();
    s.ruleInsights.setState({ open: 'r-1', history: { ruleId: 'r-1', entries: [] }, performance: [metricsRow('r-2')] });
    expect(render(s, details('r-1'))).toContain('data-state="none"');

    s.ruleInsights.setState({ performance: [metricsRow('r-1', { counts: counts({ lists: 40, items: 400, clicks: 0, clickedLists: 0, cartedLists: 0, purchasedLists: 0 }) })] });
    const noRewards = render(s, details('r-1'));
    expect(noRewards).toContain('data-state="no-rewards"');
    expect(noRewards).toContain('It fired on 40 lists (400 items shown)');
    expect(noRewards).not.toContain('Click-through rate');

    s.ruleInsights.setState({ performance: [metricsRow('r-1')] });
    const figures = render(s, details('r-1'));
    expect(figures).toContain('data-testid="rule-performance"');
    expect(figures).toContain('3.00%');
    expect(figures).toContain('95% interval 2.70% – 3.30%');
  });
});

describe('the product picker', () => {
  it('searches the catalogue by what is typed, after a pause, and keeps only the latest answer', async () => {
    vi.useFakeTimers();
    try {
      const { client, transport } = fakeClient({ 'catalog.list': (input) => ({ total: 1, items: [{ itemId: 'sku-1', title: `Shoe for ${(input as { text: string }).text}`, inStock: true, updatedAt: 1 }] }) });
      const picker = createItemPickerStore(client, 50);
      picker.getState().search('tr');
      picker.getState().search('trail');
      expect(picker.getState().searching).toBe(true);
      await vi.advanceTimersByTimeAsync(60);
      expect(transport.calls).toEqual([{ method: 'catalog.list', input: { text: 'trail', limit: 8 } }]);
      expect(picker.getState().results.map((i) => i.title)).toEqual(['Shoe for trail']);
      picker.getState().search('');
      expect(picker.getState().results).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
