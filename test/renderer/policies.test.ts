import { describe, expect, it } from 'vitest';
import { ContractError, type Job } from '../../src/renderer/src/transport/contract';
import { applyServingPolicy, policyRow, rewardForm, rewardFromForm, servingPolicy, sortPolicies, trainWindowDays } from '../../src/renderer/src/stores/rankingPolicies';
import { createPoliciesStore } from '../../src/renderer/src/stores/policiesStore';
import { canConfirm, createGuardStore } from '../../src/renderer/src/stores/guardStore';
import { fakeClient } from './fakes';
import { assessment } from './loopFixtures';
import { policyVersion } from './learningFixtures';

const p1 = policyVersion('p-1', 1, { status: 'serving', promotedAt: 5 });
const p2 = policyVersion('p-2', 2);
const p10 = policyVersion('p-10', 2, { metrics: { lists: 10 }, config: {} });

function trainJob(): Job {
  return { jobId: 'j-1', kind: 'train-policy', status: 'running', params: { slot: 'home' }, progress: null, result: null, error: null, createdAt: 10, finishedAt: null };
}

describe('ranking policy versions', () => {
  it('reads the held-out estimate against serving, with its interval, support and training figures', () => {
    const row = policyRow(p2);
    expect(row).toMatchObject({ serving: false, slot: 'home', lists: 4_000, items: 40_000, estimate: { value: 0.66, low: 0.58, high: 0.74 }, servingValue: 0.55, support: 0.98, heldOutLists: 800 });
    expect(row.reward).toEqual({ kind: 'composite', click: 1, cart: 3, purchase: 10 });
    expect(row.difference).toBeCloseTo(0.11);
    expect(row.relative).toBeCloseTo(0.2);
    // A version trained without an estimate (no exploration on its held-out lists) has none to show.
    expect(policyRow(p10)).toMatchObject({ slot: null, reward: null, estimate: { value: null, low: null, high: null }, difference: null, relative: null, support: null });
  });

  it('sorts newest first, finds the serving one, and applies a promote or a roll back at once', () => {
    expect(sortPolicies([p1, p2, p10]).map((v) => v.version)).toEqual(['p-10', 'p-2', 'p-1']);
    expect(servingPolicy([p1, p2])?.version).toBe('p-1');
    const promoted = applyServingPolicy([p1, p2], { ...p2, status: 'serving' });
    expect(promoted.map((v) => [v.version, v.status])).toEqual([
      ['p-2', 'serving'],
      ['p-1', 'registered'],
    ]);
    expect(servingPolicy(applyServingPolicy(promoted, null))).toBeNull();
  });

  it('reads the reward form, composite weights within the contract’s bounds, or revenue', () => {
    expect(rewardForm({ kind: 'revenue' })).toEqual({ kind: 'revenue', click: '1', cart: '3', purchase: '10', note: '' });
    const form = rewardForm({ kind: 'composite', click: 1, cart: 2, purchase: 20 });
    expect(rewardFromForm({ ...form, purchase: '25,5' })).toEqual({ reward: { kind: 'composite', click: 1, cart: 2, purchase: 25.5 }, invalid: [] });
    expect(rewardFromForm({ ...form, click: '', cart: '1001', purchase: '-1' }).invalid).toEqual(['click', 'cart', 'purchase']);
    expect(rewardFromForm({ ...form, kind: 'revenue', click: 'x' })).toEqual({ reward: { kind: 'revenue' }, invalid: [] });
  });

  it('reads the training window: empty for every list, else whole days in range', () => {
    expect(trainWindowDays('')).toEqual({ ok: true, windowDays: undefined });
    expect(trainWindowDays(' 14 ')).toEqual({ ok: true, windowDays: 14 });
    expect(trainWindowDays('0')).toEqual({ ok: false });
    expect(trainWindowDays('3651')).toEqual({ ok: false });
    expect(trainWindowDays('1.5')).toEqual({ ok: false });
  });
});

describe('policies store', () => {
  it('loads versions and the reward, and saves a new reward with its note', async () => {
    const { client, transport } = fakeClient({
      'policies.list': () => [p1, p2],
      'policies.reward': () => ({ kind: 'composite', click: 1, cart: 3, purchase: 10 }),
      'policies.configureReward': (input) => (input as { reward: unknown }).reward,
    });
    const store = createPoliciesStore(client);
    await Promise.all([store.getState().load(), store.getState().loadReward()]);
    expect(store.getState().versions.map((v) => v.version)).toEqual(['p-2', 'p-1']);
    expect(store.getState().rewardForm).toMatchObject({ kind: 'composite', click: '1', cart: '3', purchase: '10' });
    store.getState().setRewardField('purchase', 'lots');
    await store.getState().saveReward();
    expect(store.getState().rewardInvalid).toEqual(['purchase']);
    expect(transport.calls.some((c) => c.method === 'policies.configureReward')).toBe(false);
    store.getState().setRewardField('kind', 'revenue');
    store.getState().setRewardField('note', ' margin matters ');
    await store.getState().saveReward();
    expect(transport.calls.at(-1)).toEqual({ method: 'policies.configureReward', input: { reward: { kind: 'revenue' }, note: 'margin matters' } });
    expect(store.getState()).toMatchObject({ reward: { kind: 'revenue' }, rewardSaving: false, announcement: { change: 'rewardSaved' } });
  });

  it('starts a training job for the slot and window, or keeps the engine’s refusal beside the form', async () => {
    let refuse = false;
    const { client, transport } = fakeClient({
      'policies.train': () => {
        if (refuse) throw new ContractError('conflict', "policies.train: slot 'search' has no randomised lists in this range");
        return trainJob();
      },
    });
    const store = createPoliciesStore(client);
    store.getState().setTrainWindowDays('abc');
    expect(await store.getState().train()).toBeNull();
    expect(store.getState().trainInvalid).toBe(true);
    expect(transport.calls).toHaveLength(0);
    store.getState().setTrainWindowDays('7');
    expect((await store.getState().train())?.jobId).toBe('j-1');
    expect(transport.calls[0]).toEqual({ method: 'policies.train', input: { slot: 'home', windowDays: 7 } });
    refuse = true;
    store.getState().setTrainSlot('search');
    store.getState().setTrainWindowDays('');
    expect(await store.getState().train()).toBeNull();
    expect(transport.calls[1]).toEqual({ method: 'policies.train', input: { slot: 'search' } });
    expect(store.getState().trainError).toContain('no randomised lists');
  });

  it('promotes and rolls back; a refusal for want of a reason goes back to the dialog, others stay beside the table', async () => {
    let mode: 'ok' | 'reason' | 'fail' = 'ok';
    const { client } = fakeClient({
      'policies.list': () => [p1, { ...p2, status: 'serving' }],
      'policies.promote': (input) => {
        if (mode === 'reason') throw new ContractError('confirmation_required', 'worse', [{ path: 'confirm', message: 'reason' }]);
        if (mode === 'fail') throw new ContractError('conflict', 'no estimate');
        expect(input).toEqual({ version: 'p-2', confirm: { reason: 'trained on a week' } });
        return { serving: { ...p2, status: 'serving' } };
      },
      'policies.rollback': () => ({ serving: null }),
    });
    const store = createPoliciesStore(client);
    store.setState({ versions: [p1, p2], loaded: true });
    await store.getState().promote('p-2', { reason: 'trained on a week' });
    expect(store.getState().announcement).toEqual({ change: 'promoted', version: 'p-2' });
    expect(servingPolicy(store.getState().versions)?.version).toBe('p-2');
    mode = 'reason';
    await expect(store.getState().promote('p-2')).rejects.toBeInstanceOf(ContractError);
    expect(store.getState()).toMatchObject({ pending: null, actionError: null });
    mode = 'fail';
    await store.getState().promote('p-2');
    expect(store.getState().actionError).toBe('no estimate');
    await store.getState().rollback();
    expect(store.getState().announcement).toEqual({ change: 'rolledBack', version: null });
  });
});

describe('risk dialog for a learned policy', () => {
  it('cannot confirm a change the engine blocks, whatever the reason says', async () => {
    const { client } = fakeClient({
      'guard.assess': () => assessment(true, { action: 'policies.promote', blocked: 'no off-policy estimate of p-3 against serving could be made' }),
    });
    const guard = createGuardStore(client);
    let ran = false;
    await guard.getState().ask({ action: { action: 'policies.promote', version: 'p-3' }, run: async () => void (ran = true) });
    guard.getState().setReason('ship it anyway please');
    expect(canConfirm(guard.getState())).toBe(false);
    expect(await guard.getState().confirm()).toBe(false);
    expect(ran).toBe(false);
  });
});
