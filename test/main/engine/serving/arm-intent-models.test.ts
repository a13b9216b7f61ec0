import { describe, expect, it } from 'vitest';
import type { ServingIntentModel } from '../../../../src/main/engine/finetune/serving-intent-model';
import { ArmIntentModels } from '../../../../src/main/engine/serving/arm-intent-models';

/** A load the test finishes when it wants (or fails). */
interface Pending {
  version: string;
  resolve: () => void;
  reject: (err: Error) => void;
}

const model = (version: string) => ({ version }) as unknown as ServingIntentModel;
const settle = () => new Promise((r) => setTimeout(r, 5));

function harness(options: { serving?: ServingIntentModel; signal?: AbortSignal } = {}) {
  const pending: Pending[] = [];
  const started: string[] = [];
  const told: string[] = [];
  const audited: { actor: string; action: string; target?: string; detail?: unknown }[] = [];
  const errors: string[] = [];
  const models = new ArmIntentModels({
    load: (version) => {
      started.push(version);
      return new Promise<ServingIntentModel>((resolve, reject) => pending.push({ version, resolve: () => resolve(model(version)), reject }));
    },
    audit: { record: (actor, action, target, detail) => audited.push({ actor, action, ...(target !== undefined ? { target } : {}), ...(detail !== undefined ? { detail } : {}) }) },
    serving: () => options.serving,
    onLoad: (version) => told.push(version),
    log: { error: (m) => errors.push(m) },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const finish = (version: string) => pending.find((p) => p.version === version)!.resolve();
  const fail = (version: string, message: string) => pending.find((p) => p.version === version)!.reject(new Error(message));
  return { models, pending, started, told, audited, errors, finish, fail };
}

describe('ArmIntentModels: the arms\u2019 intent models load in the background, never on a list\u2019s path', () => {
  it('starts each version once, says loading until it is loaded, then hands the model out', async () => {
    const h = harness();
    h.models.track(new Map([['e-1', ['m-1', 'm-2']], ['e-2', ['m-1']]]));
    expect(h.started).toEqual(['m-1', 'm-2']);
    expect(h.told).toEqual(['m-1', 'm-2']);
    expect(h.models.status('m-1')).toBe('loading');
    expect(() => h.models.model('m-1')).toThrow(/intent model m-1 is not loaded for an experiment arm: it is still loading/);
    h.finish('m-1');
    await settle();
    expect(h.models.status('m-1')).toBe('ready');
    expect(h.models.model('m-1').version).toBe('m-1');
    expect(h.models.statuses(['m-1', 'm-2'])).toEqual([
      { version: 'm-1', state: 'ready', error: null },
      { version: 'm-2', state: 'loading', error: null },
    ]);
    // Told again (an experiment started): nothing loads twice.
    h.models.track(new Map([['e-1', ['m-1', 'm-2']]]));
    expect(h.started).toEqual(['m-1', 'm-2']);
  });

  it('lets go of versions no running experiment names; one that finishes loading after that is not kept', async () => {
    const h = harness();
    h.models.track(new Map([['e-1', ['m-1', 'm-2']]]));
    h.finish('m-1');
    await settle();
    h.models.track(new Map());
    expect(h.models.status('m-1')).toBeUndefined();
    h.finish('m-2');
    await settle();
    expect(h.models.status('m-2')).toBeUndefined();
    expect(() => h.models.model('m-1')).toThrow(/no running experiment names it/);
  });

  it('an arm naming the serving version shares the serving model: no second load', () => {
    const serving = model('m-live');
    const h = harness({ serving });
    h.models.track(new Map([['e-1', ['m-live']]]));
    expect(h.started).toEqual([]);
    expect(h.models.model('m-live')).toBe(serving);
  });

  it('a failed load is audited and logged, naming the version and the experiments; it stays failed', async () => {
    const h = harness();
    h.models.track(new Map([['e-9', ['m-bad']]]));
    h.fail('m-bad', 'checkpoint /models/m-bad.model is unusable');
    await settle();
    expect(h.models.status('m-bad')).toBe('failed');
    expect(h.models.statuses(['m-bad'])).toEqual([{ version: 'm-bad', state: 'failed', error: 'checkpoint /models/m-bad.model is unusable' }]);
    expect(h.audited).toEqual([{ actor: 'engine', action: 'model.load_failed', target: 'm-bad', detail: { error: 'checkpoint /models/m-bad.model is unusable', use: 'experiment arm', experiments: ['e-9'] } }]);
    expect(h.errors[0]).toMatch(/intent model m-bad could not be loaded for the arms of e-9/);
    expect(() => h.models.model('m-bad')).toThrow(/its load failed: checkpoint/);
    h.models.track(new Map([['e-9', ['m-bad']]]));
    expect(h.started).toEqual(['m-bad']);
  });

  it('a load that throws before it starts is a failed load too', async () => {
    const audited: string[] = [];
    const models = new ArmIntentModels({
      load: () => {
        throw new Error('version m-x: no such intent model');
      },
      audit: { record: (_actor, action, target) => audited.push(`${action} ${target}`) },
      log: { error: () => undefined },
    });
    models.track(new Map([['e-1', ['m-x']]]));
    await models.whenSettled();
    expect(models.status('m-x')).toBe('failed');
    expect(audited).toEqual(['model.load_failed m-x']);
  });

  it('a load stopped because the engine closes is not reported', async () => {
    const closing = new AbortController();
    const h = harness({ signal: closing.signal });
    h.models.track(new Map([['e-1', ['m-1']]]));
    closing.abort(new Error('closing'));
    h.fail('m-1', 'closing');
    await settle();
    expect(h.audited).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
