import { describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../../src/renderer/src/transport/contract';
import { ContractError } from '../../src/renderer/src/transport/contract';
import { armIdsFor, evenShares, experimentInputFromForm, fieldErrorsFromIssues, newExperimentForm, slotsOf } from '../../src/renderer/src/stores/experimentForm';
import { allocationRows, armMetrics, armModelNotice, canPromote, sortExperiments, suggestedWinner } from '../../src/renderer/src/stores/experimentResults';
import { createExperimentsStore, startExperimentsRefresh } from '../../src/renderer/src/stores/experimentsStore';
import { fakeClient } from './fakes';
import { experiment, results } from './loopFixtures';

const messages = { number: 'Enter a number', required: 'Required', shares: (total: string) => `shares ${total}` };

describe('experiment form', () => {
  it('splits traffic evenly in hundredths that add up to 100', () => {
    expect(evenShares(2)).toEqual(['50', '50']);
    expect(evenShares(3)).toEqual(['33.34', '33.33', '33.33']);
    expect(evenShares(6).reduce((s, x) => s + Number(x), 0)).toBeCloseTo(100, 10);
  });

  it('makes unique arm ids the engine accepts from any names', () => {
    expect(armIdsFor(['Control', 'Recency first!', 'Control', '', 'Été'])).toEqual(['control', 'recency-first', 'control-2', 'arm-4', 'ete']);
  });

  it('takes picked and typed slots once each', () => {
    expect(slotsOf({ slots: ['home', 'search'], otherSlots: ' cart, home ,,email' })).toEqual(['home', 'search', 'cart', 'email']);
  });

  it('builds the create input from a valid form, in fractions', () => {
    const form = newExperimentForm();
    form.name = ' Recency test ';
    form.arms = [
      { ...form.arms[0]!, share: '33.34' },
      { ...form.arms[1]!, share: '33.33', weightsVersion: '2', modelVersion: 'none', excludeRules: ['r1'] },
      { name: 'Holdout', share: '33.33', weightsVersion: '', modelVersion: '', excludeRules: [], policyVersion: '', holdout: true },
    ];
    form.guardrailMargin = '1';
    const { input, errors } = experimentInputFromForm(form, messages);
    expect(errors).toEqual({});
    const expected: Partial<ExperimentInput> = {
      name: 'Recency test',
      slots: ['home'],
      mode: 'ab',
      reward: 'conversion',
      guardrail: { enabled: true, margin: 0.01, minLists: 500 },
    };
    expect(input).toMatchObject(expected);
    expect(input?.arms.map((a) => a.armId)).toEqual(['control', 'variant', 'holdout']);
    expect(input?.arms[1]?.policy).toEqual({ weightsVersion: 2, modelVersion: 'none', excludeRules: ['r1'], holdout: false });
    expect(input?.arms[0]?.policy).toEqual({ excludeRules: [], holdout: false });
    expect(input?.arms.reduce((s, a) => s + a.share, 0)).toBeCloseTo(1, 9);
  });

  it('puts errors next to the fields: names, shares, slots and the contract’s own checks', () => {
    const form = newExperimentForm();
    form.arms = [
      { ...form.arms[0]!, name: ' ', share: '60' },
      { ...form.arms[1]!, share: 'x' },
    ];
    form.slots = [];
    const { input, errors } = experimentInputFromForm(form, messages);
    expect(input).toBeNull();
    expect(errors['arms.0.name']).toBe('Required');
    expect(errors['arms.1.share']).toBe('Enter a number');
    expect(errors.arms).toBe('shares 60');
    expect(errors.name).toBeTruthy();
    expect(errors.slots).toBeTruthy();

    const bandit = newExperimentForm();
    bandit.name = 'b';
    bandit.mode = 'bandit';
    bandit.floor = '60';
    expect(experimentInputFromForm(bandit, messages).errors.floor).toBeTruthy();
  });

  it('sends a holdout arm as a holdout alone, whatever versions or rules the form still holds', () => {
    const form = newExperimentForm();
    form.name = 'Holdout test';
    form.arms = [form.arms[0]!, { ...form.arms[1]!, weightsVersion: '2', modelVersion: 'none', policyVersion: 'p1', excludeRules: ['r1'], holdout: true }];
    const { input, errors } = experimentInputFromForm(form, messages);
    expect(errors).toEqual({});
    expect(input?.arms[1]?.policy).toEqual({ excludeRules: [], holdout: true });
  });

  it('places engine issues on the fields they name', () => {
    expect(
      fieldErrorsFromIssues([
        { path: 'arms.1.armId', message: 'used twice' },
        { path: 'guardrail.minLists', message: 'too small' },
        { path: 'arms', message: 'shares add up to 0.9' },
        { path: 'alpha', message: 'odd' },
      ]),
    ).toEqual({ 'arms.1.name': 'used twice', guardrailMinLists: 'too small', arms: 'shares add up to 0.9', _form: 'odd' });
    // What an arm serves is that arm's: the engine's holdout or version issue shows on it, not on the shares.
    expect(fieldErrorsFromIssues([{ path: 'arms.1.policy.holdout', message: 'a holdout takes no version' }, { path: 'arms.0.policy.excludeRules.2', message: 'there is no rule r9' }])).toEqual({
      'arms.1.policy': 'a holdout takes no version',
      'arms.0.policy': 'there is no rule r9',
    });
  });
});

describe('experiment results', () => {
  it('suggests the arm found better on the reward, or none', () => {
    expect(suggestedWinner(results(experiment(), 'better'))).toBe('variant');
    expect(suggestedWinner(results(experiment(), 'inconclusive'))).toBeNull();
    const bandit = results(experiment({ mode: 'bandit' }));
    bandit.arms[1]!.probabilityBest = 0.97;
    bandit.arms[0]!.probabilityBest = 0.03;
    expect(suggestedWinner(bandit)).toBe('variant');
  });

  it('leads with the reward metric, and shapes allocations for the chart', () => {
    expect(armMetrics('revenue')[0]).toBe('revenuePerMille');
    expect(armMetrics('ctr').slice(0, 2)).toEqual(['ctr', 'conversionRate']);
    expect(allocationRows({ allocations: [{ t: 1, shares: [0.5, 0.5] }, { t: 2, shares: [0.3] }] }, 2)).toEqual([
      { t: 1, a0: 0.5, a1: 0.5 },
      { t: 2, a0: 0.3, a1: 0 },
    ]);
  });

  it('says when a running experiment waits for an arm\u2019s intent model, and when one failed', () => {
    const running = results(experiment());
    expect(armModelNotice(running)).toBeNull();
    expect(armModelNotice({ ...running, armModels: [{ version: 'm-1', state: 'ready', error: null }] })).toBeNull();
    expect(armModelNotice({ ...running, armModels: [{ version: 'm-1', state: 'loading', error: null }, { version: 'm-2', state: 'loading', error: null }] })).toEqual({ kind: 'loading', versions: ['m-1', 'm-2'] });
    expect(armModelNotice({ ...running, armModels: [{ version: 'm-1', state: 'loading', error: null }, { version: 'm-2', state: 'failed', error: 'checksum mismatch' }] })).toEqual({ kind: 'failed', version: 'm-2', error: 'checksum mismatch' });
    expect(armModelNotice({ ...running, experiment: experiment({ status: 'stopped' }), armModels: [{ version: 'm-1', state: 'loading', error: null }] })).toBeNull();
  });

  it('orders running first, and knows when promotion is possible', () => {
    const list = sortExperiments([experiment({ experimentId: 'a', status: 'stopped', createdAt: 9 }), experiment({ experimentId: 'b', status: 'draft' }), experiment({ experimentId: 'c' })]);
    expect(list.map((e) => e.experimentId)).toEqual(['c', 'b', 'a']);
    expect(canPromote(experiment({ status: 'draft' }))).toBe(false);
    expect(canPromote(experiment({ status: 'stopped' }))).toBe(true);
    expect(canPromote(experiment({ status: 'stopped', promotedArm: 'variant' }))).toBe(false);
  });
});

describe('experiments store', () => {
  it('creates and starts from the form, then shows its results', async () => {
    let stored = experiment({ status: 'draft', startedAt: null });
    const { client, transport } = fakeClient({
      'weights.history': () => [{ version: 1, weights: { text: 1, visual: 0, behaviour: 1, popularity: 0.3, recency: 0.2, priceFit: 0.4, purchaseIntent: 0.2 }, note: 'defaults', createdAt: 1 }],
      'models.list': () => [],
      'rules.list': () => [],
      'experiments.create': () => stored,
      'experiments.start': () => (stored = { ...stored, status: 'running', startedAt: 5 }),
      'experiments.results': () => results(stored),
      'experiments.list': () => [stored],
    });
    const store = createExperimentsStore(client);
    store.getState().openNew();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().options?.weights).toHaveLength(1);
    store.getState().setField('name', 'Recency test');
    store.getState().addArm();
    expect(store.getState().form?.arms.map((a) => a.share)).toEqual(['33.34', '33.33', '33.33']);
    store.getState().removeArm(2);
    expect(store.getState().form?.arms.map((a) => a.share)).toEqual(['50', '50']);
    expect(await store.getState().create(true)).toBe(true);
    const create = transport.calls.find((c) => c.method === 'experiments.create')?.input as ExperimentInput;
    expect(create.name).toBe('Recency test');
    expect(transport.calls.find((c) => c.method === 'experiments.start')?.input).toEqual({ experimentId: 'e-1' });
    expect(store.getState().form).toBeNull();
    expect(store.getState().selectedId).toBe('e-1');
    expect(store.getState().results?.experiment.status).toBe('running');
    expect(store.getState().experiments[0]?.status).toBe('running');
  });

  it('ticking holdout clears the arm’s versions and rules; the engine’s issue on an arm’s policy shows on that arm until it changes', async () => {
    let refuse = true;
    const { client, transport } = fakeClient({
      'weights.history': () => [],
      'models.list': () => [],
      'rules.list': () => [],
      'experiments.create': () => {
        if (refuse) throw new ContractError('bad_request', 'experiments.create: arms.1.policy.policyVersion: there is no ranking-policy version p1', [{ path: 'arms.1.policy.policyVersion', message: 'there is no ranking-policy version p1' }]);
        return experiment({ status: 'draft', startedAt: null });
      },
      'experiments.results': () => results(experiment({ status: 'draft', startedAt: null })),
    });
    const store = createExperimentsStore(client);
    store.getState().openNew({ name: 'Learned', armName: 'Policy', policyVersion: 'p1' });
    store.getState().setArmField(1, 'weightsVersion', '2');
    store.getState().setArmField(1, 'excludeRules', ['r1']);
    expect(await store.getState().create(false)).toBe(false);
    expect(store.getState().fieldErrors).toEqual({ 'arms.1.policy': 'there is no ranking-policy version p1' });
    store.getState().setArmField(1, 'holdout', true);
    expect(store.getState().form?.arms[1]).toMatchObject({ weightsVersion: '', modelVersion: '', policyVersion: '', excludeRules: [], holdout: true });
    expect(store.getState().fieldErrors['arms.1.policy']).toBeUndefined();
    refuse = false;
    expect(await store.getState().create(false)).toBe(true);
    const sent = transport.calls.filter((c) => c.method === 'experiments.create').at(-1)?.input as ExperimentInput;
    expect(sent.arms[1]?.policy).toEqual({ excludeRules: [], holdout: true });
  });

  it('keeps an invalid form open with its errors, and the engine’s issues on the fields', async () => {
    const { client, transport } = fakeClient({
      'experiments.create': () => {
        throw new ContractError('bad_request', 'experiments.create: slots.0: too long', [{ path: 'slots.0', message: 'too long' }]);
      },
      'weights.history': () => [],
      'models.list': () => [],
      'rules.list': () => [],
    });
    const store = createExperimentsStore(client);
    store.getState().openNew();
    expect(await store.getState().create(true)).toBe(false);
    expect(store.getState().fieldErrors.name).toBeTruthy();
    expect(transport.calls.some((c) => c.method === 'experiments.create')).toBe(false);
    store.getState().setField('name', 'ok');
    expect(store.getState().fieldErrors.name).toBeUndefined();
    expect(await store.getState().create(false)).toBe(false);
    expect(store.getState().fieldErrors.slots).toBe('too long');
    expect(store.getState().form).not.toBeNull();
  });

  it('stops and promotes with the reason; a refusal for want of one goes back to the dialog', async () => {
    let stored = experiment();
    const { client, transport } = fakeClient({
      'experiments.stop': (input) => {
        if (!(input as { confirm?: unknown }).confirm) throw new ContractError('confirmation_required', 'give a reason');
        return (stored = { ...stored, status: 'stopped', stoppedAt: 9, stoppedBy: 'operator', stopReason: 'enough' });
      },
      'experiments.promote': () => (stored = { ...stored, promotedArm: 'variant' }),
      'experiments.results': () => results(stored),
    });
    const store = createExperimentsStore(client);
    store.setState({ experiments: [stored], selectedId: 'e-1' });
    await expect(store.getState().stop('e-1')).rejects.toThrow('give a reason');
    expect(store.getState().actionError).toBeNull();
    expect(store.getState().pending).toBeNull();
    await store.getState().stop('e-1', { reason: 'enough' });
    expect(store.getState().experiments[0]?.status).toBe('stopped');
    await store.getState().promote('e-1', 'variant', { reason: 'clear winner' });
    expect(transport.calls.find((c) => c.method === 'experiments.promote')?.input).toEqual({ experimentId: 'e-1', armId: 'variant', confirm: { reason: 'clear winner' } });
    expect(store.getState().experiments[0]?.promotedArm).toBe('variant');
  });

  it('re-reads the list and the open results while the page is shown', async () => {
    const { client, transport } = fakeClient({ 'experiments.list': () => [experiment()], 'experiments.results': () => results() });
    const store = createExperimentsStore(client);
    const ticks: Array<() => void> = [];
    const stop = startExperimentsRefresh(store, { setInterval: (fn) => ticks.push(fn), clearInterval: () => undefined });
    await store.getState().select('e-1');
    ticks[0]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(transport.calls.filter((c) => c.method === 'experiments.list')).toHaveLength(2);
    expect(transport.calls.filter((c) => c.method === 'experiments.results')).toHaveLength(2);
    stop();
  });
});
