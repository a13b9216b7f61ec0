import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src/shared/contract';
import { modelHandlers } from '../../../../src/main/engine/finetune/finetune-handlers';
import type { FineTuneDeps } from '../../../../src/main/engine/finetune/finetune-job';
import { IntentModelRegistry } from '../../../../src/main/engine/finetune/intent-model-registry';
import type { ServingIntentModel } from '../../../../src/main/engine/finetune/serving-intent-model';
import type { CallContext } from '../../../../src/main/engine/rpc/handler-map';
import { IntentModelSwitch } from '../../../../src/main/engine/serving/intent-model-switch';
import { AuditLog, openDatabase } from '../../../../src/main/engine/store';
import { tempDir } from '../../../helpers/temp-dir';

/** A load the test finishes when it wants (or fails). */
interface Pending {
  version: string;
  resolve: () => void;
  reject: (err: Error) => void;
}

const model = (version: string) => ({ version }) as unknown as ServingIntentModel;
const ctx: CallContext = { transport: 'direct' };

describe('swapping the intent model that serves: atomic, one change at a time, failures change nothing', () => {
  const tmp = tempDir();
  let db: Database;
  let registry: IntentModelRegistry;
  let switcher: IntentModelSwitch;
  let handlers: ReturnType<typeof modelHandlers>;
  const pending: Pending[] = [];
  const loadsStarted: string[] = [];
  const swaps: (string | null)[] = [];
  const errors: string[] = [];

  beforeAll(() => {
    db = openDatabase(join(tmp.dir, 'instinct.db'));
    const audit = new AuditLog(db);
    registry = new IntentModelRegistry(db, audit);
    for (const v of ['A', 'B', 'C', 'D']) registry.register({ version: v, path: `/models/${v}.members.json`, sha256: v, metrics: {}, config: {} });
    switcher = new IntentModelSwitch({
      load: (version) => {
        loadsStarted.push(version);
        return new Promise<ServingIntentModel>((resolve, reject) => pending.push({ version, resolve: () => resolve(model(version)), reject }));
      },
      audit,
      onServe: (m) => swaps.push(m?.version ?? null),
      log: { error: (m) => errors.push(m) },
    });
    handlers = modelHandlers({ fineTune: {} as FineTuneDeps, registry, load: (v, actor) => switcher.load(v, actor), swap: (m) => switcher.serve(m), serially: (change) => switcher.serially(change) });
  });
  afterAll(() => {
    db.close();
    tmp.cleanup();
  });

  const promote = (version: string) => Promise.resolve(handlers['models.promote']!({ version } as Parameters<NonNullable<typeof handlers['models.promote']>>[0], ctx));
  /** Lets every promise chain that can move, move. */
  const settle = () => new Promise((r) => setTimeout(r, 5));
  const finish = async (version: string) => {
    await settle();
    const p = pending.find((x) => x.version === version);
    if (!p) throw new Error(`no load of ${version} in flight`);
    pending.splice(pending.indexOf(p), 1);
    p.resolve();
    await settle();
  };

  it('keeps the old model serving while the new one loads, then swaps it in at once', async () => {
    const first = promote('A');
    await finish('A');
    await first;
    expect(switcher.current?.version).toBe('A');

    const second = promote('B');
    await settle();
    // B is loading: requests now are answered by A, and the registry still says A serves.
    expect(loadsStarted.at(-1)).toBe('B');
    expect(switcher.current?.version).toBe('A');
    expect(registry.serving()?.version).toBe('A');
    await finish('B');
    expect(await second).toMatchObject({ serving: { version: 'B', status: 'serving' } });
    expect(switcher.current?.version).toBe('B');
    expect(swaps).toEqual(['A', 'B']);
  });

  it('a load that fails leaves the old model serving, and is the promote call\u2019s error, audited and logged', async () => {
    const failing = promote('C');
    await settle();
    pending.find((p) => p.version === 'C')!.reject(new Error('checkpoint /models/C.m0.model is unusable: checksum mismatch'));
    pending.splice(pending.findIndex((p) => p.version === 'C'), 1);
    const err = await failing.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    expect(err).toMatchObject({ code: 'conflict', message: expect.stringMatching(/version C cannot serve: checkpoint \/models\/C\.m0\.model is unusable: checksum mismatch/) });
    expect(switcher.current?.version).toBe('B');
    expect(registry.serving()?.version).toBe('B');
    const audited = db.prepare("SELECT actor, action, target, detail FROM audit_log WHERE action = 'model.load_failed'").all() as { actor: string; target: string; detail: string }[];
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ target: 'C' });
    expect(JSON.parse(audited[0]!.detail)).toEqual({ error: 'checkpoint /models/C.m0.model is unusable: checksum mismatch' });
    expect(errors.at(-1)).toMatch(/intent model C could not be loaded; B still serves: .*checksum mismatch/);
  });

  it('of two promotes in quick succession the later ends serving, even when the earlier loads more slowly', async () => {
    loadsStarted.length = 0;
    swaps.length = 0;
    const slow = promote('C');
    const fast = promote('D');
    await settle();
    // One change at a time: D's load waits for C's promote to end.
    expect(loadsStarted).toEqual(['C']);
    await finish('C');
    await slow;
    await finish('D');
    await fast;
    expect(loadsStarted).toEqual(['C', 'D']);
    expect(swaps).toEqual(['C', 'D']);
    expect(switcher.current?.version).toBe('D');
    expect(registry.serving()?.version).toBe('D');
  });

  it('a failed promote does not hold up the one asked after it', async () => {
    const failing = promote('A');
    const next = promote('B');
    await settle();
    pending.find((p) => p.version === 'A')!.reject(new Error('gone'));
    pending.splice(pending.findIndex((p) => p.version === 'A'), 1);
    await expect(failing).rejects.toMatchObject({ code: 'conflict' });
    await finish('B');
    await next;
    expect(switcher.current?.version).toBe('B');
  });

  it('an unknown version is a not-found error, not an audited load failure', async () => {
    const before = (db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'model.load_failed'").get() as { n: number }).n;
    const quick = new IntentModelSwitch({ load: () => Promise.resolve(registry.pathOf('nope')).then(() => model('nope')), audit: new AuditLog(db) });
    await expect(quick.load('nope', 'api')).rejects.toMatchObject({ code: 'not_found' });
    expect((db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'model.load_failed'").get() as { n: number }).n).toBe(before);
  });
});
