import { describe, expect, it } from 'vitest';
import type { Confirmation, FusionWeights, GuardedAction } from '../../src/renderer/src/transport/contract';
import { ContractError } from '../../src/renderer/src/transport/contract';
import { canConfirm, confirmationOf, createGuardStore, reasonRequired } from '../../src/renderer/src/stores/guardStore';
import { actionSubject, enabledRuleFields, formatFigureDifference, formatFigureInterval } from '../../src/renderer/src/stores/guardFigures';
import { createTuningStore } from '../../src/renderer/src/stores/tuningStore';
import { createModelsStore } from '../../src/renderer/src/stores/modelsStore';
import { createRulesStore } from '../../src/renderer/src/stores/rulesStore';
import { EMPTY_RULE_FORM } from '../../src/renderer/src/stores/ruleForm';
import { fakeClient } from './fakes';
import { assessment } from './loopFixtures';

const W: FusionWeights = { text: 0, visual: 0, behaviour: 0, popularity: 0, recency: 1, priceFit: 0, purchaseIntent: 0 };
const SAVE: GuardedAction = { action: 'weights.set', weights: W };
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('guard store', () => {
  it('asks the engine first, and lets a change that is not worse go ahead without a reason', async () => {
    const { client, transport } = fakeClient({ 'guard.assess': () => assessment(false) });
    const guard = createGuardStore(client);
    const sent: Array<Confirmation | undefined> = [];
    const asking = guard.getState().ask({ action: SAVE, run: async (c) => void sent.push(c) });
    expect(guard.getState().assessing).toBe(true);
    expect(canConfirm(guard.getState())).toBe(false);
    await asking;
    expect(transport.calls[0]).toEqual({ method: 'guard.assess', input: SAVE });
    expect(reasonRequired(guard.getState())).toBe(false);
    expect(canConfirm(guard.getState())).toBe(true);
    expect(await guard.getState().confirm()).toBe(true);
    expect(sent).toEqual([undefined]);
    expect(guard.getState().request).toBeNull();
  });

  it('requires a reason of at least 3 characters when worse, and sends it as confirm', async () => {
    const { client } = fakeClient({ 'guard.assess': () => assessment(true, { missing: ['No experiment data.'] }) });
    const guard = createGuardStore(client);
    const sent: Array<Confirmation | undefined> = [];
    await guard.getState().ask({ action: SAVE, run: async (c) => void sent.push(c) });
    expect(guard.getState().assessment?.missing).toEqual(['No experiment data.']);
    expect(reasonRequired(guard.getState())).toBe(true);
    expect(await guard.getState().confirm()).toBe(false);
    guard.getState().setReason('  ok ');
    expect(canConfirm(guard.getState())).toBe(false);
    guard.getState().setReason('  recency push for the sale  ');
    expect(canConfirm(guard.getState())).toBe(true);
    await guard.getState().confirm();
    expect(sent).toEqual([{ reason: 'recency push for the sale' }]);
  });

  it('requires a reason when the figures cannot be read, and can read them again', async () => {
    let fail = true;
    const { client } = fakeClient({
      'guard.assess': () => {
        if (fail) throw new ContractError('internal', 'replay failed');
        return assessment(false);
      },
    });
    const guard = createGuardStore(client);
    await guard.getState().ask({ action: SAVE, run: async () => undefined });
    expect(guard.getState().assessError).toContain('replay failed');
    expect(reasonRequired(guard.getState())).toBe(true);
    fail = false;
    await guard.getState().reassess();
    expect(guard.getState().assessError).toBeNull();
    expect(reasonRequired(guard.getState())).toBe(false);
  });

  it('stays open and asks for a reason when the engine answers confirmation_required', async () => {
    let assessCalls = 0;
    const { client } = fakeClient({
      'guard.assess': () => (++assessCalls === 1 ? assessment(false) : assessment(true)),
    });
    const guard = createGuardStore(client);
    let attempts = 0;
    await guard.getState().ask({
      action: SAVE,
      run: async (c) => {
        attempts++;
        if (!c) throw new ContractError('confirmation_required', 'worse than serving: give a reason');
      },
    });
    expect(await guard.getState().confirm()).toBe(false);
    await tick();
    expect(guard.getState().request).not.toBeNull();
    expect(guard.getState().engineAsked).toBe(true);
    expect(guard.getState().assessment?.worse).toBe(true);
    expect(canConfirm(guard.getState())).toBe(false);
    guard.getState().setReason('seasonal change');
    expect(await guard.getState().confirm()).toBe(true);
    expect(attempts).toBe(2);
  });

  it('keeps another failure in the dialog; cancel closes it and ignores a late assessment', async () => {
    let answer: (() => void) | null = null;
    const { client } = fakeClient({
      'guard.assess': () =>
        new Promise((resolve) => {
          answer = () => resolve(assessment(false));
        }),
    });
    const guard = createGuardStore(client);
    const asking = guard.getState().ask({ action: SAVE, run: async () => undefined });
    guard.getState().cancel();
    answer!();
    await asking;
    expect(guard.getState().request).toBeNull();
    expect(guard.getState().assessment).toBeNull();

    const { client: client2 } = fakeClient({ 'guard.assess': () => assessment(false) });
    const guard2 = createGuardStore(client2);
    await guard2.getState().ask({
      action: SAVE,
      run: async () => {
        throw new ContractError('conflict', 'version changed');
      },
    });
    expect(await guard2.getState().confirm()).toBe(false);
    expect(guard2.getState().runError).toContain('version changed');
    expect(guard2.getState().request).not.toBeNull();
  });

  it('sends only a reason the engine accepts', () => {
    expect(confirmationOf('')).toBeUndefined();
    expect(confirmationOf(' a ')).toBeUndefined();
    expect(confirmationOf(' why not ')).toEqual({ reason: 'why not' });
  });
});

describe('guard figures', () => {
  it('formats differences with their relative size and intervals', () => {
    expect(formatFigureDifference({ difference: -0.12, relative: -0.5 })).toBe('−0.1200 (−50%)');
    expect(formatFigureDifference({ difference: 0.01, relative: null })).toBe('+0.0100');
    expect(formatFigureDifference({ difference: null, relative: null })).toBeNull();
    expect(formatFigureInterval({ low: 0.1, high: 0.14 })).toBe('0.1000 – 0.1400');
    expect(formatFigureInterval({ low: null, high: 0.14 })).toBeNull();
  });

  it('names what an action touches, and switches a stored rule on', () => {
    expect(actionSubject({ action: 'weights.rollback', version: 3 })).toEqual({ version: 3 });
    expect(actionSubject({ action: 'experiments.promote', experimentId: 'e-1', armId: 'b' })).toEqual({ id: 'e-1', arm: 'b' });
    expect(actionSubject({ action: 'models.rollback' })).toEqual({});
    const rule = { ruleId: 'r1', kind: 'boost' as const, target: { type: 'brand' as const, brand: 'Acme' }, strength: 0.5, slot: '*', startsAt: null, endsAt: null, enabled: false, note: '', createdAt: 1, updatedAt: 1 };
    expect(enabledRuleFields(rule)).toEqual({ kind: 'boost', target: { type: 'brand', brand: 'Acme' }, strength: 0.5, slot: '*', startsAt: null, endsAt: null, enabled: true, note: '' });
  });
});

describe('guarded writes in the stores', () => {
  const refuse = () => new ContractError('confirmation_required', 'worse than serving: give a reason');

  it('tuning: saves with the reason, and hands a refusal back instead of showing it on the page', async () => {
    const version = { version: 2, weights: W, note: '', createdAt: 2 };
    const { client, transport } = fakeClient({
      'weights.set': (input) => {
        if (!(input as { confirm?: Confirmation }).confirm) throw refuse();
        return version;
      },
      'weights.history': () => [version],
      'tuning.replay': () => ({ metric: 'NDCG@10', value: 0.1, ci: [0.09, 0.11], hitRate10: 0.2, cases: 300, windowStart: null, windowEnd: null, tookMs: 1 }),
    });
    const tuning = createTuningStore(client, { setTimer: () => 0, clearTimer: () => undefined });
    tuning.setState({ sliders: W });
    await expect(tuning.getState().save()).rejects.toThrow(/give a reason/);
    expect(tuning.getState().saving).toBe(false);
    expect(tuning.getState().saveError).toBeNull();
    await tuning.getState().save({ reason: 'sale week' });
    expect(transport.calls.filter((c) => c.method === 'weights.set').at(-1)?.input).toMatchObject({ weights: W, confirm: { reason: 'sale week' } });
    expect(tuning.getState().current?.version).toBe(2);
  });

  it('models: promote and roll back carry the reason', async () => {
    const { client, transport } = fakeClient({ 'models.promote': () => ({ serving: null }), 'models.rollback': () => ({ serving: null }), 'models.list': () => [] });
    const models = createModelsStore(client);
    await models.getState().promote('v2', { reason: 'better offline' });
    await models.getState().rollback({ reason: 'complaints' });
    expect(transport.calls.filter((c) => c.method !== 'models.list').map((c) => c.input)).toEqual([
      { version: 'v2', confirm: { reason: 'better offline' } },
      { confirm: { reason: 'complaints' } },
    ]);
  });

  it('rules: checks a rule with the contract schema before any request, and saves with the reason', async () => {
    const saved = { ruleId: 'r1', kind: 'boost', target: { type: 'brand', brand: 'Acme' }, strength: 0.5, slot: '*', startsAt: null, endsAt: null, enabled: true, note: '', createdAt: 1, updatedAt: 1 };
    const { client, transport } = fakeClient({ 'rules.create': () => saved, recommend: () => ({}) });
    const rules = createRulesStore(client);
    rules.setState({ form: { ...EMPTY_RULE_FORM, kind: 'pin', targetType: 'brand', brand: 'Acme', position: '1' }, editing: null });
    expect(rules.getState().validate()).toBeNull();
    expect(rules.getState().fieldErrors.targetType).toBe('a pin rule targets one item');
    expect(transport.calls).toEqual([]);

    rules.setState({ form: { ...EMPTY_RULE_FORM, kind: 'boost', targetType: 'brand', brand: 'Acme' } });
    const input = rules.getState().validate();
    expect(input).toMatchObject({ kind: 'boost', target: { type: 'brand', brand: 'Acme' }, enabled: true });
    expect(await rules.getState().submit({ reason: 'brand week' })).toBe(true);
    expect(transport.calls[0]?.input).toMatchObject({ kind: 'boost', confirm: { reason: 'brand week' } });
    expect(rules.getState().rules).toHaveLength(1);
  });
});
