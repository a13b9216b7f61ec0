import { afterEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../../src/shared/contract';
import { abInput, experimentEnv, T0, type ExperimentEnv } from './experiment-fixtures';

function contractError(fn: () => unknown): ContractError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ContractError) return err;
    throw err;
  }
  throw new Error('expected a ContractError');
}

describe('ExperimentService: lifecycle and validation', () => {
  let env: ExperimentEnv;
  afterEach(() => env.close());

  it('creates a draft with the configured shares and defaults, audited', () => {
    env = experimentEnv();
    const e = env.service.create(abInput({ hypothesis: 'v2 converts better' }), 'ipc');
    expect(e).toMatchObject({
      experimentId: 'e-1',
      status: 'draft',
      mode: 'ab',
      reward: 'conversion',
      shares: [0.5, 0.5],
      floor: 0.05,
      alpha: 0.05,
      guardrail: { enabled: true, margin: 0.005, minLists: 500 },
      createdAt: T0,
      startedAt: null,
      stoppedBy: null,
      promotedArm: null,
    });
    expect(e.arms[1]?.policy).toEqual({ weightsVersion: 2, excludeRules: [], holdout: false });
    expect(env.service.list().map((x) => x.experimentId)).toEqual(['e-1']);
    expect(env.service.get('e-1')).toEqual(e);
    expect(env.audit()).toEqual([{ actor: 'ipc', action: 'experiments.create', target: 'e-1', detail: expect.objectContaining({ name: 'Weights v2 on home', slots: ['home'] }) }]);
    expect(env.service.assign('home', 's-1')).toBeNull();
  });

  it('refuses arms that name missing versions and rules, with the field paths', () => {
    env = experimentEnv();
    const err = contractError(() =>
      env.service.create(
        abInput({
          arms: [
            { armId: 'control', name: 'control', share: 0.4, policy: { modelVersion: 'none' } },
            { armId: 'b', name: 'B', share: 0.3, policy: { weightsVersion: 9, modelVersion: 'm-7', excludeRules: ['r-1', 'r-404'] } },
            { armId: 'c', name: 'C', share: 0.2, policy: { policyVersion: 'p-1' } },
            { armId: 'hold', name: 'Holdout', share: 0.1, policy: { holdout: true, weightsVersion: 1 } },
          ],
        }),
      ),
    );
    expect(err.code).toBe('bad_request');
    expect(err.issues.map((i) => i.path)).toEqual([
      'arms.1.policy.weightsVersion',
      'arms.1.policy.modelVersion',
      'arms.1.policy.excludeRules.1',
      'arms.2.policy.policyVersion',
      'arms.3.policy.holdout',
    ]);
    expect(err.message).toMatch(/^experiments\.create: arms\.1\.policy\.weightsVersion: there is no fusion-weights version 9 \(and 4 more\)$/);
    expect(env.service.list()).toEqual([]);
  });

  it('accepts a policy version only when the resolver knows it', () => {
    env = experimentEnv({ policies: true });
    const ok = env.service.create(abInput({ arms: [{ armId: 'a', name: 'A', share: 0.5, policy: {} }, { armId: 'p', name: 'P', share: 0.5, policy: { policyVersion: 'p-1' } }] }));
    expect(ok.arms[1]?.policy.policyVersion).toBe('p-1');
    const err = contractError(() => env.service.create(abInput({ arms: [{ armId: 'a', name: 'A', share: 0.5, policy: {} }, { armId: 'p', name: 'P', share: 0.5, policy: { policyVersion: 'p-9' } }] })));
    expect(err.issues).toEqual([{ path: 'arms.1.policy.policyVersion', message: 'there is no ranking-policy version p-9' }]);
  });

  it('passes the contract checks through as bad_request (shares, duplicate arms, floor)', () => {
    env = experimentEnv();
    const shares = contractError(() => env.service.create(abInput({ arms: [{ armId: 'a', name: 'A', share: 0.5, policy: {} }, { armId: 'b', name: 'B', share: 0.6, policy: {} }] })));
    expect(shares).toMatchObject({ code: 'bad_request', issues: [{ path: 'arms' }] });
    const twice = contractError(() => env.service.create(abInput({ arms: [{ armId: 'a', name: 'A', share: 0.5, policy: {} }, { armId: 'a', name: 'B', share: 0.5, policy: {} }] })));
    expect(twice.issues[0]?.path).toBe('arms.1.armId');
  });

  it('starts a draft, serves its arms stickily, and refuses a second running experiment on the same slot', () => {
    env = experimentEnv();
    env.service.create(abInput());
    env.service.create(abInput({ name: 'Other', slots: ['pdp', 'home'] }));
    env.now.t = T0 + 5000;
    const started = env.service.start('e-1', 'http');
    expect(started).toMatchObject({ status: 'running', startedAt: T0 + 5000 });
    const a = env.service.assign('home', 'shopper-7');
    expect(a).toMatchObject({ experimentId: 'e-1' });
    expect(env.service.assign('home', 'shopper-7')).toEqual(a);
    expect(['control', 'b']).toContain(a?.armId);
    const armB = [...Array(50).keys()].map((i) => env.service.assign('home', `s-${i}`)).find((x) => x?.armId === 'b');
    expect(armB?.policy).toEqual({ weightsVersion: 2, excludeRules: [], holdout: false });

    const err = contractError(() => env.service.start('e-2'));
    expect(err).toMatchObject({ code: 'conflict', issues: [{ path: 'slots.1', message: expect.stringContaining('running experiment e-1') }] });
    expect(contractError(() => env.service.start('e-1')).code).toBe('conflict');
    expect(contractError(() => env.service.start('e-99')).code).toBe('not_found');
    expect(env.audit().map((r) => r.action)).toEqual(['experiments.create', 'experiments.create', 'experiments.start']);
  });

  it('re-checks at start what the arms name (a rule deleted since the draft is a conflict)', () => {
    env = experimentEnv();
    env.service.create(abInput({ arms: [{ armId: 'a', name: 'A', share: 0.5, policy: {} }, { armId: 'b', name: 'B', share: 0.5, policy: { excludeRules: ['r-2'] } }] }));
    env.rules.delete('r-2');
    expect(contractError(() => env.service.start('e-1'))).toMatchObject({ code: 'conflict', issues: [{ path: 'arms.1.policy.excludeRules.0' }] });
    expect(env.service.get('e-1').status).toBe('draft');
  });

  it('stops by the operator with the reason, takes the slot out of serving, and refuses a second stop', () => {
    env = experimentEnv();
    env.service.create(abInput());
    env.service.start('e-1');
    env.now.t = T0 + 60_000;
    const stopped = env.service.stop('e-1', { actor: 'ipc', reason: 'Season ended', detail: { assessment: { worse: false } } });
    expect(stopped).toMatchObject({ status: 'stopped', stoppedAt: T0 + 60_000, stoppedBy: 'operator', stopReason: 'Season ended' });
    expect(env.service.assign('home', 'shopper-7')).toBeNull();
    expect(contractError(() => env.service.stop('e-1')).code).toBe('conflict');
    expect(env.audit().at(-1)).toEqual({
      actor: 'ipc',
      action: 'experiments.stop',
      target: 'e-1',
      detail: { name: 'Weights v2 on home', stoppedBy: 'operator', reason: 'Season ended', assessment: { worse: false } },
    });
    // The slot is free again.
    env.service.create(abInput());
    expect(env.service.start('e-2').status).toBe('running');
  });

  it('promotes an arm: applies its policy (model, weights, rules), stops the experiment, records the arm', async () => {
    env = experimentEnv();
    env.service.create(abInput({ arms: [{ armId: 'control', name: 'control', share: 0.5, policy: {} }, { armId: 'b', name: 'B', share: 0.5, policy: { weightsVersion: 3, modelVersion: 'm-2', excludeRules: ['r-1', 'r-3'] } }] }));
    await expect(env.service.promote('e-1', 'b')).rejects.toMatchObject({ code: 'conflict' });
    env.service.start('e-1');
    await expect(env.service.promote('e-1', 'zz')).rejects.toMatchObject({ code: 'not_found', issues: [{ path: 'armId' }] });
    const promoted = await env.service.promote('e-1', 'b', { actor: 'http', detail: { assessment: { worse: true } } });
    expect(env.published).toEqual([
      { what: 'model', value: 'm-2', actor: 'http' },
      { what: 'weights', value: 3, actor: 'http' },
      { what: 'rules', value: ['r-1', 'r-3'], actor: 'http' },
    ]);
    expect(promoted).toMatchObject({ status: 'stopped', stoppedBy: 'operator', promotedArm: 'b', stopReason: 'B promoted: its policy now serves everyone.' });
    expect(env.service.assign('home', 's-1')).toBeNull();
    const last = env.audit().at(-1);
    expect(last).toMatchObject({ actor: 'http', action: 'experiments.promote', target: 'e-1', detail: { armId: 'b', applied: ['intent model m-2', 'fusion weights version 3', 'rules r-1, r-3 disabled'], assessment: { worse: true } } });
    await expect(env.service.promote('e-1', 'control')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('records a promotion that failed half-way and leaves the experiment running', async () => {
    env = experimentEnv({
      publish: {
        useWeightsVersion: () => {
          throw new ContractError('conflict', 'weights are locked');
        },
      },
    });
    env.service.create(abInput({ arms: [{ armId: 'a', name: 'A', share: 0.5, policy: {} }, { armId: 'b', name: 'B', share: 0.5, policy: { modelVersion: 'm-1', weightsVersion: 2 } }] }));
    env.service.start('e-1');
    await expect(env.service.promote('e-1', 'b')).rejects.toThrow('weights are locked');
    expect(env.service.get('e-1')).toMatchObject({ status: 'running', promotedArm: null });
    expect(env.audit().at(-1)).toMatchObject({ action: 'experiments.promote-failed', detail: { armId: 'b', applied: ['intent model m-1'], error: 'weights are locked' } });
  });

  it('refuses to promote a holdout arm', async () => {
    env = experimentEnv();
    env.service.create(abInput({ arms: [{ armId: 'a', name: 'A', share: 0.9, policy: {} }, { armId: 'hold', name: 'Holdout', share: 0.1, policy: { holdout: true } }] }));
    env.service.start('e-1');
    await expect(env.service.promote('e-1', 'hold')).rejects.toMatchObject({ code: 'conflict', issues: [{ path: 'armId' }] });
    expect(env.service.assign('home', 'x')).not.toBeNull();
  });
});

describe('ExperimentService: bandit ticks', () => {
  let env: ExperimentEnv;
  afterEach(() => env.close());

  it('moves traffic to the better arm, persists only real moves, and appends allocations at most once a minute', () => {
    env = experimentEnv();
    env.service.create(abInput({ mode: 'bandit', reward: 'conversion', floor: 0.1, guardrail: { enabled: false, margin: 0.005, minLists: 500 } }));
    env.service.start('e-1');
    // Warm-up: under 100 lists nothing moves.
    env.rollups.serve('e-1:control', 40, { conversion: 0.03 }, env.random);
    env.rollups.serve('e-1:b', 40, { conversion: 0.08 }, env.random);
    expect(env.service.tick(T0 + 1000)).toEqual({ reallocated: [], stopped: [], errors: [] });

    for (let second = 2; second <= 200; second++) {
      const shares = env.service.get('e-1').shares;
      env.rollups.serve('e-1:control', Math.round(100 * (shares[0] ?? 0)), { conversion: 0.03 }, env.random);
      env.rollups.serve('e-1:b', Math.round(100 * (shares[1] ?? 0)), { conversion: 0.08 }, env.random);
      env.service.tick(T0 + second * 1000);
    }
    const e = env.service.get('e-1');
    expect(e.shares[1]).toBeGreaterThan(0.85);
    expect(e.shares[0]).toBeGreaterThanOrEqual(0.1 - 1e-12);
    const allocations = env.service.results('e-1').allocations;
    expect(allocations[0]).toEqual({ t: T0, shares: [0.5, 0.5] });
    for (let i = 1; i < allocations.length; i++) expect((allocations[i]?.t ?? 0) - (allocations[i - 1]?.t ?? 0)).toBeGreaterThanOrEqual(60_000);
    expect(allocations.length).toBeGreaterThanOrEqual(2);
    expect(allocations.length).toBeLessThanOrEqual(5);
    // The request path sees the new shares at once.
    let b = 0;
    for (let i = 0; i < 10_000; i++) if (env.service.assign('home', `s-${i}`)?.armId === 'b') b++;
    expect(Math.abs(b / 10_000 - (e.shares[1] ?? 0))).toBeLessThan(0.02);
    // No new data, or a little: the shares move by less than the tolerance and are not written.
    expect(env.service.tick(T0 + 500_000).reallocated).toEqual([]);
    env.rollups.serve('e-1:control', 1, { conversion: 0.03 }, env.random);
    env.rollups.serve('e-1:b', 5, { conversion: 0.08 }, env.random);
    expect(env.service.tick(T0 + 501_000).reallocated).toEqual([]);
    expect(env.service.get('e-1').shares).toEqual(e.shares);
  });

  it('reads the arm counts of its own experiment from the roll-ups, from the hour it started', () => {
    env = experimentEnv();
    env.service.create(abInput());
    env.service.start('e-1');
    env.service.tick(T0 + 2000);
    expect(env.rollups.queries.at(-1)).toEqual({ dim: 'arm', from: Math.floor(T0 / 3_600_000) * 3_600_000, to: T0 + 2000, values: ['e-1:control', 'e-1:b'] });
  });
});
