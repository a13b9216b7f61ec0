import { afterEach, describe, expect, it } from 'vitest';
import { ContractError, type Assessment, type Confirmation, type GuardedAction, type MethodName, type MethodOutput } from '../../../../../src/shared/contract';
import { experimentHandlers } from '../../../../../src/main/engine/loop/experiments';
import type { CallContext, Handler, HandlerMap } from '../../../../../src/main/engine/rpc/handler-map';
import { abInput, experimentEnv, type ExperimentEnv } from './experiment-fixtures';

const ctx: CallContext = { transport: 'http' };

function assessment(action: string, worse: boolean): Assessment {
  return { action, effects: ['Traffic on home goes back to what serves everyone.'], figures: [], worse, thresholdRelative: 0.05, missing: [], blocked: null };
}

/** A guard that finds every action worse than serving: a reason is required. */
function strictGuard(calls: { action: GuardedAction; confirm: Confirmation | undefined; actor: string }[]) {
  return {
    confirm(action: GuardedAction, confirm: Confirmation | undefined, actor: string) {
      calls.push({ action, confirm, actor });
      if (!confirm) throw new ContractError('confirmation_required', 'this is worse than what serves: give a reason');
      return { assessment: assessment(action.action, true) };
    },
  };
}

async function call<M extends MethodName>(map: HandlerMap, method: M, input: unknown): Promise<MethodOutput<M>> {
  const handler = map[method] as Handler<M> | undefined;
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler(input as never, ctx);
}

describe('experiments.* handlers', () => {
  let env: ExperimentEnv;
  afterEach(() => env.close());

  it('answers every experiments method', () => {
    env = experimentEnv();
    const map = experimentHandlers({ service: env.service, guard: strictGuard([]) });
    expect(Object.keys(map).sort()).toEqual(['experiments.create', 'experiments.list', 'experiments.promote', 'experiments.results', 'experiments.start', 'experiments.stop']);
  });

  it('stop asks the guard first, and records the assessment and the reason', async () => {
    env = experimentEnv();
    const calls: { action: GuardedAction; confirm: Confirmation | undefined; actor: string }[] = [];
    const map = experimentHandlers({ service: env.service, guard: strictGuard(calls), actorOf: (c) => c.transport });
    await call(map, 'experiments.create', abInput());
    await call(map, 'experiments.start', { experimentId: 'e-1' });
    await expect(call(map, 'experiments.stop', { experimentId: 'e-9' })).rejects.toMatchObject({ code: 'not_found' });
    expect(calls).toHaveLength(0);
    await expect(call(map, 'experiments.stop', { experimentId: 'e-1' })).rejects.toMatchObject({ code: 'confirmation_required' });
    expect(env.service.get('e-1').status).toBe('running');
    const stopped = await call(map, 'experiments.stop', { experimentId: 'e-1', confirm: { reason: 'B hurts mobile checkout' } });
    expect(stopped).toMatchObject({ status: 'stopped', stoppedBy: 'operator', stopReason: 'B hurts mobile checkout' });
    expect(calls.at(-1)).toEqual({ action: { action: 'experiments.stop', experimentId: 'e-1' }, confirm: { reason: 'B hurts mobile checkout' }, actor: 'http' });
    expect(env.audit().at(-1)).toMatchObject({
      actor: 'http',
      action: 'experiments.stop',
      detail: { assessment: { action: 'experiments.stop', worse: true }, confirmation: { reason: 'B hurts mobile checkout' } },
    });
    await expect(call(map, 'experiments.stop', { experimentId: 'e-1', confirm: { reason: 'again' } })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('promote checks the arm, asks the guard, applies the policy and records the assessment', async () => {
    env = experimentEnv();
    const calls: { action: GuardedAction; confirm: Confirmation | undefined; actor: string }[] = [];
    const map = experimentHandlers({ service: env.service, guard: strictGuard(calls), actorOf: () => 'ana@shop' });
    await call(map, 'experiments.create', abInput());
    await call(map, 'experiments.start', { experimentId: 'e-1' });
    await expect(call(map, 'experiments.promote', { experimentId: 'e-1', armId: 'nope', confirm: { reason: 'x'.repeat(3) } })).rejects.toMatchObject({ code: 'not_found' });
    expect(calls).toHaveLength(0);
    await expect(call(map, 'experiments.promote', { experimentId: 'e-1', armId: 'b' })).rejects.toMatchObject({ code: 'confirmation_required' });
    expect(env.published).toEqual([]);
    const promoted = await call(map, 'experiments.promote', { experimentId: 'e-1', armId: 'b', confirm: { reason: 'wins on conversion' } });
    expect(promoted).toMatchObject({ status: 'stopped', promotedArm: 'b' });
    expect(env.published).toEqual([{ what: 'weights', value: 2, actor: 'ana@shop' }]);
    expect(calls.at(-1)?.action).toEqual({ action: 'experiments.promote', experimentId: 'e-1', armId: 'b' });
    expect(env.audit().at(-1)).toMatchObject({ actor: 'ana@shop', action: 'experiments.promote', detail: { armId: 'b', assessment: { worse: true }, confirmation: { reason: 'wins on conversion' } } });
    const list = await call(map, 'experiments.list', {});
    expect(list.map((e) => e.experimentId)).toEqual(['e-1']);
    const results = await call(map, 'experiments.results', { experimentId: 'e-1' });
    expect(results.experiment.promotedArm).toBe('b');
  });
});
