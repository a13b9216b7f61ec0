import { afterEach, describe, expect, it } from 'vitest';
import { abInput, experimentEnv, T0, type ExperimentEnv } from './experiment-fixtures';

/** Serves `perTick` lists a tick to each arm at the given conversion rates, calling tick after each, until `ticks`. */
function run(env: ExperimentEnv, rates: Record<string, number>, perTick: number, ticks: number): number | null {
  for (let t = 1; t <= ticks; t++) {
    for (const [arm, conversion] of Object.entries(rates)) env.rollups.serve(`e-1:${arm}`, perTick, { conversion }, env.random);
    const report = env.service.tick(T0 + t * 1000);
    expect(report.errors).toEqual([]);
    if (report.stopped.includes('e-1')) return t;
  }
  return null;
}

describe('conversion guardrail', () => {
  let env: ExperimentEnv;
  afterEach(() => env.close());

  it('stops a harmful arm (conversion 2 % against 5 %) once both arms have their minimum lists, and says why with the figures', () => {
    env = experimentEnv();
    env.service.create(abInput({ guardrail: { enabled: true, margin: 0.005, minLists: 1000 } }));
    env.service.start('e-1');
    expect(env.service.results('e-1').guardrail).toMatchObject({ status: 'waiting', message: expect.stringContaining('Waiting for 1,000 lists per arm') });
    const stoppedAt = run(env, { control: 0.05, b: 0.02 }, 100, 200);
    // Not before minLists (10 ticks of 100), and well before the 200 ticks.
    expect(stoppedAt).not.toBeNull();
    expect(stoppedAt).toBeGreaterThanOrEqual(10);
    expect(stoppedAt).toBeLessThan(80);
    const e = env.service.get('e-1');
    expect(e).toMatchObject({ status: 'stopped', stoppedBy: 'guardrail', stoppedAt: T0 + (stoppedAt ?? 0) * 1000 });
    expect(e.stopReason).toMatch(
      /^Stopped by the guardrail: Arm B's conversion \(\d\.\d\d %\) is below control's \(\d\.\d\d %\) by \d\.\d\d points \(always-valid 95% interval -\d\.\d\d to -\d\.\d\d points\), more than the 0\.50-point margin, after [\d,]+ lists of Arm B and [\d,]+ of control\.$/,
    );
    expect(env.service.assign('home', 'shopper-1')).toBeNull();
    const results = env.service.results('e-1');
    expect(results.guardrail).toEqual({ status: 'tripped', message: e.stopReason });
    expect(env.audit().at(-1)).toMatchObject({ actor: 'guardrail', action: 'experiments.stop', target: 'e-1', detail: { stoppedBy: 'guardrail', reason: e.stopReason, trip: { armId: 'b' } } });
  });

  it('does not stop a harmless arm (same conversion) however often it is checked', () => {
    env = experimentEnv();
    env.service.create(abInput({ guardrail: { enabled: true, margin: 0.005, minLists: 500 } }));
    env.service.start('e-1');
    expect(run(env, { control: 0.05, b: 0.05 }, 100, 400)).toBeNull();
    expect(env.service.get('e-1').status).toBe('running');
    expect(env.service.results('e-1').guardrail).toMatchObject({ status: 'ok' });
  });

  it('does not stop an arm worse by less than the margin, nor a holdout arm, nor when it is off', () => {
    env = experimentEnv();
    env.service.create(
      abInput({
        guardrail: { enabled: true, margin: 0.02, minLists: 500 },
        arms: [
          { armId: 'control', name: 'control', share: 0.4, policy: {} },
          { armId: 'b', name: 'B', share: 0.4, policy: { weightsVersion: 2 } },
          { armId: 'hold', name: 'Holdout', share: 0.2, policy: { holdout: true } },
        ],
      }),
    );
    env.service.start('e-1');
    expect(run(env, { control: 0.05, b: 0.04, hold: 0.01 }, 100, 150)).toBeNull();

    env.close();
    env = experimentEnv();
    env.service.create(abInput({ guardrail: { enabled: false, margin: 0.005, minLists: 100 } }));
    env.service.start('e-1');
    expect(run(env, { control: 0.05, b: 0.01 }, 100, 60)).toBeNull();
    expect(env.service.results('e-1').guardrail.status).toBe('off');
  });
});
