import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StoresProvider } from '../../src/renderer/src/app/StoresContext';
import { PAGES } from '../../src/renderer/src/app/pages';
import { RiskDialog } from '../../src/renderer/src/components/RiskDialog';
import { AuditPage } from '../../src/renderer/src/pages/audit/AuditPage';
import { ExperimentsPage } from '../../src/renderer/src/pages/experiments/ExperimentsPage';
import { PerformancePage } from '../../src/renderer/src/pages/performance/PerformancePage';
import { createAppStores, type AppStores } from '../../src/renderer/src/stores/appStores';
import { newExperimentForm } from '../../src/renderer/src/stores/experimentForm';
import { fakeClient } from './fakes';
import { assessment, experiment, metricsRow, results } from './loopFixtures';

/** Server-renders a component over a set of stores: every string, selector and test id of the page is exercised without a browser. */
function render(component: ComponentType, stores: AppStores): string {
  // Server rendering reads a store's initial state; these tests set state first, so serve the current one.
  for (const store of Object.values(stores) as Array<{ getInitialState: () => unknown; getState: () => unknown }>) store.getInitialState = store.getState;
  return renderToStaticMarkup(createElement(StoresProvider, { stores, children: createElement(component) }));
}

function stores(): AppStores {
  return createAppStores(fakeClient().client);
}

describe('the loop pages render from their stores', () => {
  it('has nav entries for performance, experiments and the audit log', () => {
    expect(PAGES.map((p) => p.id)).toEqual(expect.arrayContaining(['performance', 'experiments', 'audit']));
  });

  it('Performance: KPI tiles with their values and intervals, attribution counts and search tables', () => {
    const s = stores();
    s.performance.setState({
      kpis: metricsRow(),
      kpisAt: 1_750_000_000_000,
      breakdown: { from: 0, to: 1, dimension: 'slot', slot: null, rows: [metricsRow('home'), metricsRow('search')] },
      attribution: { rewards: 100, byKind: { window: 70, explicit: 20, unmatched: 10 }, unmatchedByReason: { 'no-impression-in-window': 10 }, late: 1, outOfOrder: 2, history: 0, repeats: 3, duplicates: 4 },
      windowsForm: { clickWindowMinutes: '30', cartWindowMinutes: '1440', purchaseWindowMinutes: '1440' },
      search: {
        from: 0,
        to: 1,
        totalSearches: 40,
        top: [{ query: 'red shoes', searches: 30, zeroResults: 0, clicked: 12, previousSearches: 20, daily: [1, 4, 25] }],
        zeroResults: [{ query: 'unobtainium', searches: 5, zeroResults: 5, clicked: 0, previousSearches: 0, daily: [0, 5] }],
        noClicks: [],
      },
      positions: { from: 0, to: 1, lists: 'all', points: [{ position: 1, shown: 100, clicked: 9, ctr: { value: 0.09, low: 0.04, high: 0.16 } }] },
    });
    const html = render(PerformancePage, s);
    expect(html).toContain('data-testid="kpi-ctr" data-value="0.03"');
    expect(html).toContain('3.00%');
    expect(html).toContain('95% CI 2.70% – 3.30%');
    expect(html).toContain('$900.00');
    expect(html).toContain('data-testid="attribution-window" data-count="70"');
    expect(html).toContain('red shoes');
    expect(html).toContain('▲ 50% (was 20)');
    expect(html).toContain('Daily searches for unobtainium: 0, 5');
    expect(html).toContain('Last 30 days');
    expect(html).not.toMatch(/\{[a-z]+\}/i);
  });

  it('Experiments: the form with arm pickers, and a running experiment’s arms with intervals and verdicts', () => {
    const s = stores();
    const exp = experiment();
    s.experiments.setState({
      experiments: [exp],
      selectedId: exp.experimentId,
      results: results(exp, 'better'),
      form: newExperimentForm(),
      options: { weights: [{ version: 2, weights: { text: 0, visual: 0, behaviour: 0, popularity: 0, recency: 1, priceFit: 0, purchaseIntent: 0 }, note: 'recency', createdAt: 1 }], models: [], rules: [], policies: [] },
    });
    const html = render(ExperimentsPage, s);
    expect(html).toContain('data-testid="experiment-form"');
    expect(html).toContain('Version 2 — recency');
    expect(html).toContain('None (text intent only)');
    expect(html).toContain('data-testid="arm-row" data-arm-id="control"');
    expect(html).toContain('data-testid="arm-row" data-arm-id="variant"');
    expect(html).toContain('1.80%');
    expect(html).toContain('1.10% – 2.80%');
    expect(html).toContain('+0.40 pp');
    expect(html).toContain('data-verdict="better"');
    expect(html).toContain('data-testid="experiment-stop"');
    expect(html).toContain('Suggested: Variant');
    expect(html).not.toMatch(/\{[a-z]+\}/i);
  });

  it('Audit log: entries with the reason, their time zone and an expand button', () => {
    const s = stores();
    s.audit.setState({
      loaded: true,
      entries: [{ seq: 3, ts: 1_750_000_000_000, actor: 'console', action: 'weights.set', target: 'weights:v3', detail: { reason: 'sale week', version: 3 } }],
      actions: ['weights.set'],
      nextBeforeSeq: 2,
      expanded: [3],
    });
    const html = render(AuditPage, s);
    expect(html).toContain('sale week');
    expect(html).toContain('version: 3');
    expect(html).toContain('data-testid="audit-more"');
    expect(html).toContain('aria-expanded="true"');
    expect(html).toContain('&quot;reason&quot;: &quot;sale week&quot;');
  });

  it('Risk dialog: effects, figures with the worse one marked, missing notes and a required reason', () => {
    const s = stores();
    s.guard.setState({
      request: { action: { action: 'weights.set', weights: { text: 0, visual: 0, behaviour: 0, popularity: 0, recency: 1, priceFit: 0, purchaseIntent: 0 } }, run: async () => undefined },
      assessment: assessment(true, { missing: ['No experiment has run these weights.'] }),
    });
    const html = render(RiskDialog, s);
    expect(html).toContain('role="dialog"');
    expect(html).toContain('aria-modal="true"');
    expect(html).toContain('Save these fusion weights?');
    expect(html).toContain('Shoppers see newer items first.');
    expect(html).toContain('data-testid="risk-figure" data-worse="true"');
    expect(html).toContain('−0.1200 (−50%)');
    expect(html).toContain('No experiment has run these weights.');
    expect(html).toContain('Reason (required, kept in the audit log)');
    expect(html).toContain('Save weights anyway');
    expect(html).toMatch(/data-testid="risk-confirm" disabled=""/);
  });

  it('Risk dialog: closed, it renders an empty dialog element', () => {
    expect(render(RiskDialog, stores())).toMatch(/^<dialog[^>]*data-state="closed"[^>]*><\/dialog>$/);
  });
});
