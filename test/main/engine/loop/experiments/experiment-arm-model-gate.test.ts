import { afterEach, describe, expect, it } from 'vitest';
import type { ArmModelStatus } from '../../../../../src/shared/contract';
import { abInput, experimentEnv, type ExperimentEnv } from './experiment-fixtures';

/** An experiment whose arms name intent models assigns no one until every one of them is loaded. */
describe('ExperimentService: arms waiting for their intent models', () => {
  let env: ExperimentEnv;
  afterEach(() => env.close());
  const states = new Map<string, ArmModelStatus['state']>();
  const readiness = {
    status: (v: string) => states.get(v),
    statuses: (vs: readonly string[]) => vs.flatMap((version) => (states.has(version) ? [{ version, state: states.get(version)!, error: states.get(version) === 'failed' ? 'broken' : null }] : [])),
  };
  const twoModels = abInput({
    arms: [
      { armId: 'control', name: 'control', share: 0.5, policy: {} },
      { armId: 'b', name: 'B', share: 0.25, policy: { modelVersion: 'm-1' } },
      { armId: 'c', name: 'C', share: 0.25, policy: { modelVersion: 'm-2', weightsVersion: 2 } },
    ],
  });

  it('tells the running experiments\u2019 arm models on every change, and assigns no one until all are ready', () => {
    states.clear();
    const told: [string, readonly string[]][][] = [];
    env = experimentEnv({ armModels: readiness, onRunning: (m) => told.push([...m]) });
    env.service.create(twoModels);
    env.service.start('e-1');
    expect(told.at(-1)).toEqual([['e-1', ['m-1', 'm-2']]]);
    const units = Array.from({ length: 40 }, (_, i) => `shopper-${i}`);
    // Not asked for yet, then loading, then one of two ready: the whole experiment waits (control too).
    expect(units.map((u) => env.service.assign('home', u))).toEqual(units.map(() => null));
    states.set('m-1', 'loading').set('m-2', 'loading');
    expect(units.map((u) => env.service.assign('home', u))).toEqual(units.map(() => null));
    states.set('m-1', 'ready');
    expect(units.map((u) => env.service.assign('home', u))).toEqual(units.map(() => null));
    expect(env.service.results('e-1').armModels).toEqual([
      { version: 'm-1', state: 'ready', error: null },
      { version: 'm-2', state: 'loading', error: null },
    ]);
    states.set('m-2', 'ready');
    const arms = new Set(units.map((u) => env.service.assign('home', u)?.armId));
    expect(arms).toEqual(new Set(['control', 'b', 'c']));
    // A failed load: nobody is in the experiment again, and its results say why.
    states.set('m-2', 'failed');
    expect(units.map((u) => env.service.assign('home', u))).toEqual(units.map(() => null));
    expect(env.service.results('e-1').armModels?.[1]).toEqual({ version: 'm-2', state: 'failed', error: 'broken' });
    env.service.stop('e-1');
    expect(told.at(-1)).toEqual([]);
  });

  it('an experiment naming no intent model (or the text intent, none) does not wait', () => {
    states.clear();
    env = experimentEnv({ armModels: readiness });
    env.service.create(abInput({ arms: [{ armId: 'control', name: 'control', share: 0.5, policy: {} }, { armId: 'b', name: 'B', share: 0.5, policy: { modelVersion: 'none' } }] }));
    env.service.start('e-1');
    expect(env.service.assign('home', 'shopper-1')).not.toBeNull();
    expect(env.service.results('e-1').armModels).toBeUndefined();
  });
});
