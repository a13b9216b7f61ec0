import { describe, expect, it } from 'vitest';
import { ContractError } from '../../src/renderer/src/transport/contract';
import { createExaminationStore, EXAMINATION_REFRESH_MS, examinationRows, examinationSlotOf, startExaminationRefresh } from '../../src/renderer/src/stores/examinationStore';
import { createPerformanceStore } from '../../src/renderer/src/stores/performanceStore';
import { experimentInputFromForm, newExperimentForm } from '../../src/renderer/src/stores/experimentForm';
import { createExperimentsStore } from '../../src/renderer/src/stores/experimentsStore';
import { fakeClient } from './fakes';
import { examinationCurve, policyVersion } from './learningFixtures';

const tick = () => new Promise((r) => setTimeout(r, 0));
const configured = { enabled: true, rate: 0.1, fromPosition: 1, toPosition: 10, poolSize: 20 };
const SETTINGS = { 'exploration.settings': () => ({ slots: { home: configured, product: configured, search: { ...configured, enabled: false } } }) };
const curves = (calls: ReadonlyArray<{ method: string; input: unknown }>) => calls.filter((c) => c.method === 'ope.examination');

describe('examination curve', () => {
  it('keeps the positions shuffled lists showed, with whiskers as distances', () => {
    const rows = examinationRows(examinationCurve());
    expect(rows.map((r) => r.position)).toEqual([1, 2, 3]);
    expect(rows[1]?.error?.[0]).toBeCloseTo(0.15);
    expect(rows[1]?.error?.[1]).toBeCloseTo(0.18);
    expect(rows[0]?.error).toEqual([0, 0]);
    expect(examinationSlotOf(null)).toBe('home');
    expect(examinationSlotOf('search')).toBe('search');
  });

  it('loads a slot’s curve, and says when the slot has no exploration data', async () => {
    const { client, transport } = fakeClient({
      ...SETTINGS,
      'ope.examination': (input) => {
        if ((input as { slot: string }).slot === 'search') throw new ContractError('conflict', "No randomised lists to estimate from: slot 'search'.");
        return examinationCurve();
      },
    });
    const store = createExaminationStore(client);
    await store.getState().load();
    expect(curves(transport.calls)[0]).toEqual({ method: 'ope.examination', input: { slot: 'home', maxPosition: 20 } });
    expect(store.getState()).toMatchObject({ slot: 'home', noExploration: false, error: null, curve: { lists: 300 } });
    await store.getState().load('search');
    expect(store.getState()).toMatchObject({ slot: 'search', noExploration: true, curve: null, loading: false });
    expect(store.getState().error).toContain("slot 'search'");
    // A slot never set up to explore is not asked about at all.
    await store.getState().load('email');
    expect(curves(transport.calls)).toHaveLength(2);
    expect(store.getState()).toMatchObject({ slot: 'email', noExploration: true, error: null, curve: null });
  });

  it('follows the Performance page’s slot while shown and re-reads on the slow cycle', async () => {
    const intervals: Array<{ fn: () => void; ms: number }> = [];
    const { client, transport } = fakeClient({ ...SETTINGS, 'ope.examination': (input) => examinationCurve({ slot: (input as { slot: string }).slot }) });
    const performance = createPerformanceStore(fakeClient().client);
    const store = createExaminationStore(client);
    const stop = startExaminationRefresh(store, performance, { setInterval: (fn, ms) => intervals.push({ fn, ms }), clearInterval: () => intervals.splice(0) });
    await tick();
    performance.setState({ slot: 'product' });
    await tick();
    expect(curves(transport.calls).map((c) => (c.input as { slot: string }).slot)).toEqual(['home', 'product']);
    expect(intervals[0]?.ms).toBe(EXAMINATION_REFRESH_MS);
    intervals[0]?.fn();
    await tick();
    expect(curves(transport.calls)).toHaveLength(3);
    stop();
    performance.setState({ slot: 'search' });
    await tick();
    expect(curves(transport.calls)).toHaveLength(3);
  });
});

describe('a learned policy as an experiment arm', () => {
  it('opens the form with the policy’s arm preselected on its slot, and sends policyVersion', () => {
    const form = newExperimentForm({ policyVersion: 'p-2', slot: 'search', name: 'Policy p-2 vs serving', armName: 'Policy p-2' });
    expect(form.slots).toEqual(['search']);
    expect(form.arms.map((a) => [a.name, a.policyVersion])).toEqual([
      ['Control', ''],
      ['Policy p-2', 'p-2'],
    ]);
    const { input, errors } = experimentInputFromForm(form, { number: 'n', required: 'r', shares: (t) => t });
    expect(errors).toEqual({});
    expect(input?.arms[1]).toMatchObject({ armId: 'policy-p-2', policy: { policyVersion: 'p-2', excludeRules: [], holdout: false } });
    expect(input?.arms[0]?.policy).toEqual({ excludeRules: [], holdout: false });
  });

  it('offers learned policy versions in the arm pickers, and still opens when they cannot be listed', async () => {
    let listPolicies = true;
    const { client } = fakeClient({
      'weights.history': () => [],
      'models.list': () => [],
      'rules.list': () => [],
      'policies.list': () => {
        if (!listPolicies) throw new ContractError('internal', 'registry unavailable');
        return [policyVersion('p-1', 1), policyVersion('p-2', 2)];
      },
    });
    const store = createExperimentsStore(client);
    store.getState().openNew({ policyVersion: 'p-1', name: 'n', armName: 'Policy p-1' });
    await tick();
    expect(store.getState().options?.policies.map((p) => p.version)).toEqual(['p-2', 'p-1']);
    expect(store.getState().form?.arms[1]?.policyVersion).toBe('p-1');
    expect(store.getState().form?.slots).toEqual(['home']);
    listPolicies = false;
    store.getState().closeForm();
    store.getState().openNew();
    await tick();
    expect(store.getState().options?.policies).toEqual([]);
    expect(store.getState().optionsError).toBe('registry unavailable');
  });
});
