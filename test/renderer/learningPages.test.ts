import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StoresProvider } from '../../src/renderer/src/app/StoresContext';
import { RiskDialog } from '../../src/renderer/src/components/RiskDialog';
import { ExperimentsPage } from '../../src/renderer/src/pages/experiments/ExperimentsPage';
import { JobsPage } from '../../src/renderer/src/pages/jobs/JobsPage';
import { ExaminationCurveChart } from '../../src/renderer/src/pages/performance/ExaminationCurveChart';
import { ExpectedEffect } from '../../src/renderer/src/pages/tuning/ExpectedEffect';
import { createAppStores, type AppStores } from '../../src/renderer/src/stores/appStores';
import { explorationForm } from '../../src/renderer/src/stores/explorationForm';
import { newExperimentForm } from '../../src/renderer/src/stores/experimentForm';
import { rewardForm } from '../../src/renderer/src/stores/rankingPolicies';
import { fakeClient } from './fakes';
import { assessment, experiment, results } from './loopFixtures';
import { DRAFT, examinationCurve, opeReport, policyVersion } from './learningFixtures';

/** Server-renders a component over a set of stores (their current state), as the loop pages' test does. */
function render(component: ComponentType, stores: AppStores): string {
  for (const store of Object.values(stores) as Array<{ getInitialState: () => unknown; getState: () => unknown }>) store.getInitialState = store.getState;
  return renderToStaticMarkup(createElement(StoresProvider, { stores, children: createElement(component) }));
}

function stores(): AppStores {
  return createAppStores(fakeClient().client);
}

const NO_PLACEHOLDER = /\{[a-z]+\}/i;

describe('the learning parts render from their stores', () => {
  it('Experiments: the exploration panel per slot, with the editor open, and a policy arm', () => {
    const s = stores();
    s.exploration.setState({
      loaded: true,
      settings: { slots: { home: { enabled: true, rate: 0.25, fromPosition: 2, toPosition: 8, poolSize: 15 } } },
      editing: { slot: 'search', form: { ...explorationForm({ enabled: false, rate: 0.1, fromPosition: 1, toPosition: 10, poolSize: 20 }, true), poolSize: '5' } },
      fieldErrors: { poolSize: 'At least the window’s size (10)' },
    });
    const exp = experiment({ arms: [experiment().arms[0]!, { armId: 'policy-p-1', name: 'Policy p-1', share: 0.5, policy: { policyVersion: 'p-1', excludeRules: [], holdout: false } }] });
    s.experiments.setState({
      experiments: [exp],
      selectedId: exp.experimentId,
      results: results(exp),
      form: newExperimentForm({ policyVersion: 'p-1', name: 'Policy p-1 vs serving', armName: 'Policy p-1' }),
      options: { weights: [], models: [], rules: [], policies: [policyVersion('p-1', 1)] },
    });
    const html = render(ExperimentsPage, s);
    expect(html.indexOf('data-testid="exploration-panel"')).toBeLessThan(html.indexOf('data-testid="experiment-form"'));
    expect(html).toContain('Exploration shuffles the order of a share');
    expect(html).toContain('data-testid="exploration-row" data-slot="home" data-enabled="true"');
    expect(html).toContain('data-testid="exploration-row" data-slot="product" data-enabled="false"');
    expect(html).toContain('25%');
    expect(html).toContain('2–8 (7 positions)');
    expect(html).toContain('Exploration for “search”');
    expect(html).toContain('At least the window’s size (10)');
    expect(html).toMatch(/id="exploration-poolSize"[^>]*aria-invalid="true"/);
    expect(html).toContain('About 10% of the lists on search get positions 1–10');
    expect(html).toMatch(/<option value="p-1" selected="">p-1 \(Registered, home\)<\/option>/);
    expect(html).toContain('data-policy-version="p-1"');
    expect(html).toContain('Ranking policy p-1');
    expect(html).not.toMatch(NO_PLACEHOLDER);
  });

  it('Tuning: clicks, purchases and revenue per 1,000 lists against serving, with intervals, estimator, lists, support and warnings', () => {
    const s = stores();
    s.expectedEffect.setState({ weights: DRAFT, report: opeReport(), reportFor: { weights: DRAFT, slot: 'home' } });
    const html = render(ExpectedEffect, s);
    expect(html).toContain('Expected effect (off-policy)');
    expect(html).toContain('data-state="ready"');
    expect(html).toContain('data-testid="effect-figure" data-name="clicks" data-value="640" data-low="600" data-high="690" data-serving="560" data-against="above"');
    expect(html).toContain('600.0 – 690.0');
    expect(html).toContain('$1,250.00');
    expect(html).toContain('+80.0 (+14.3%)');
    expect(html).toContain('Doubly robust (DR)');
    expect(html).toContain('1,200 of 2,000 lists');
    expect(html).toContain('97%');
    expect(html).toContain('Only 180 shuffled lists');
    expect(html).toContain('click 1 · cart add 3 · purchase 10');
    expect(html).not.toMatch(NO_PLACEHOLDER);
  });

  it('Tuning: the engine’s refusal without exploration, and the way to turn it on', () => {
    const s = stores();
    s.expectedEffect.setState({ weights: DRAFT, refused: true, error: "No randomised lists to estimate from: slot 'home'." });
    const html = render(ExpectedEffect, s);
    expect(html).toContain('data-state="refused"');
    expect(html).toContain('No randomised lists to estimate from');
    expect(html).toContain('Turn exploration on for “home”');
  });

  it('Jobs: training form with the reward, and ranking policies with their held-out estimate against serving', () => {
    const s = stores();
    s.policies.setState({
      loaded: true,
      versions: [policyVersion('p-2', 2), policyVersion('p-1', 1, { status: 'serving', metrics: { lists: 10 } })],
      reward: { kind: 'composite', click: 1, cart: 3, purchase: 10 },
      rewardForm: rewardForm({ kind: 'composite', click: 1, cart: 3, purchase: 10 }),
      trainError: "policies.train: slot 'home' has no randomised lists in this range",
    });
    s.exploration.setState({ loaded: true, settings: { slots: {} } });
    const html = render(JobsPage, s);
    expect(html).toContain('Train a ranking policy');
    expect(html).toContain('In force: click 1 · cart add 3 · purchase 10.');
    expect(html).toContain('Exploration is off for home');
    expect(html).toContain('data-testid="policy-train-error"');
    expect(html).toContain('Turn exploration on for home');
    expect(html).toContain('data-testid="policy-row" data-version="p-2" data-status="registered"');
    expect(html).toContain('data-testid="policy-estimate" data-value="0.66" data-low="0.58" data-high="0.74"');
    expect(html).toContain('95% CI 0.580 – 0.740');
    expect(html).toContain('data-testid="policy-serving" data-value="0.55"');
    expect(html).toContain('+0.110 (+20%)');
    expect(html).toContain('Better with confidence');
    expect(html).toContain('800 held-out lists');
    expect(html).toContain('No estimate: it cannot be promoted.');
    expect(html).toContain('Ranking policy p-1 ranks every list not in an experiment.');
    expect(html).toContain('Use in an experiment');
    expect(html).not.toMatch(NO_PLACEHOLDER);
  });

  it('Performance: the examination curve’s summary, or the note when the slot has no exploration data', () => {
    const s = stores();
    s.examination.setState({ slot: 'home', curve: examinationCurve() });
    const ready = render(ExaminationCurveChart, s);
    expect(ready).toContain('data-testid="examination-curve" data-slot="home" data-points="3" data-lists="300" data-state="ready"');
    expect(ready).toContain('From 300 shuffled lists: position 3 is looked at 0.40 times as often as position 1.');
    expect(ready).toContain('0.45 – 0.78');
    s.examination.setState({ slot: 'search', curve: null, noExploration: true, error: "No randomised lists: slot 'search'." });
    const none = render(ExaminationCurveChart, s);
    expect(none).toContain('data-state="no-exploration"');
    expect(none).toContain('No exploration data on “search” yet');
    expect(none).toContain('href="#/experiments"');
    expect(none).not.toMatch(NO_PLACEHOLDER);
  });

  it('Risk dialog: a blocked promote says why and cannot be confirmed', () => {
    const s = stores();
    s.guard.setState({
      request: { action: { action: 'policies.promote', version: 'p-3' }, run: async () => undefined },
      assessment: assessment(false, { action: 'policies.promote', blocked: 'no off-policy estimate of p-3 against serving could be made' }),
      reason: 'because',
    });
    const html = render(RiskDialog, s);
    expect(html).toContain('Promote ranking policy p-3?');
    expect(html).toContain('data-blocked="true"');
    expect(html).toContain('This change cannot go ahead: no off-policy estimate of p-3 against serving could be made.');
    expect(html).toMatch(/data-testid="risk-confirm" disabled=""/);
  });
});
