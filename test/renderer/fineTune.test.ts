import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/renderer/src/transport/contract';
import { ContractError } from '../../src/renderer/src/transport/contract';
import { appendCurvePoint, curvePoint, parseFineTuneForm, pruneCurves, recordCurve, type CurvePoint } from '../../src/renderer/src/stores/fineTune';
import { isResumable } from '../../src/renderer/src/stores/jobList';
import { connectJobsStore, createJobsStore } from '../../src/renderer/src/stores/jobsStore';
import { fakeClient } from './fakes';

function fineTune(done: number | null, metrics?: Record<string, number>, overrides: Partial<Job> = {}): Job {
  return {
    jobId: 'ft-1',
    kind: 'fine-tune',
    status: 'running',
    params: { epochs: 8 },
    progress: done === null ? null : { done, total: 800, rate: 10, etaSeconds: 1, ...(metrics ? { metrics } : {}) },
    result: null,
    error: null,
    createdAt: 1_700_000_000_000,
    finishedAt: null,
    ...overrides,
  };
}

const pt = (step: number, loss: number | null = 1, valNdcg: number | null = null, epoch: number | null = 1): CurvePoint => ({ step, loss, valNdcg, epoch });

describe('fine-tune curve history', () => {
  it('reads a point from a fine-tune progress message only', () => {
    expect(curvePoint(fineTune(10, { epoch: 1, loss: 2.5, valNdcg: 0.12 }))).toEqual({ step: 10, epoch: 1, loss: 2.5, valNdcg: 0.12 });
    expect(curvePoint(fineTune(10, { epoch: 1, loss: 2.5 }))).toEqual({ step: 10, epoch: 1, loss: 2.5, valNdcg: null });
    expect(curvePoint(fineTune(10))).toBeNull();
    expect(curvePoint(fineTune(null))).toBeNull();
    expect(curvePoint(fineTune(10, { epoch: 1 }))).toBeNull();
    expect(curvePoint(fineTune(10, { loss: 2 }, { kind: 'embed-catalogue' }))).toBeNull();
    expect(curvePoint(fineTune(10, { loss: Number.NaN, valNdcg: 0.2 }))?.loss).toBeNull();
  });

  it('keeps points in step order: appends, replaces a repeated step, slots a late one in', () => {
    let curve: readonly CurvePoint[] = [];
    curve = appendCurvePoint(curve, pt(10, 3));
    curve = appendCurvePoint(curve, pt(30, 2));
    curve = appendCurvePoint(curve, pt(20, 2.5));
    expect(curve.map((p) => p.step)).toEqual([10, 20, 30]);
    curve = appendCurvePoint(curve, pt(30, 1.9, 0.2));
    expect(curve).toHaveLength(3);
    expect(curve.at(-1)).toEqual(pt(30, 1.9, 0.2));
    expect(appendCurvePoint(curve, pt(30, 1.9, 0.2))).toBe(curve);
  });

  it('thins a long curve, keeping its first and latest points', () => {
    let curve: readonly CurvePoint[] = [];
    for (let step = 1; step <= 11; step++) curve = appendCurvePoint(curve, pt(step), 10);
    expect(curve.length).toBeLessThanOrEqual(10);
    expect(curve[0]?.step).toBe(1);
    expect(curve.at(-1)?.step).toBe(11);
  });

  it('records per job and returns the same history when a message adds nothing', () => {
    const h1 = recordCurve({}, fineTune(5, { epoch: 1, loss: 3 }));
    const h2 = recordCurve(h1, fineTune(5, { epoch: 1, loss: 3 }));
    expect(h2).toBe(h1);
    const h3 = recordCurve(h2, fineTune(7, { epoch: 1, loss: 2 }, { jobId: 'ft-2' }));
    expect(Object.keys(h3)).toEqual(['ft-1', 'ft-2']);
    expect(recordCurve(h3, fineTune(9))).toBe(h3);
    expect(Object.keys(pruneCurves(h3, [{ jobId: 'ft-2' }]))).toEqual(['ft-2']);
    expect(pruneCurves(h3, [{ jobId: 'ft-1' }, { jobId: 'ft-2' }])).toBe(h3);
  });
});

describe('fine-tune form', () => {
  it('validates epochs and the optional window', () => {
    expect(parseFineTuneForm('8', '')).toEqual({ ok: true, request: { epochs: 8 } });
    expect(parseFineTuneForm(' 12 ', '30')).toEqual({ ok: true, request: { epochs: 12, windowDays: 30 } });
    expect(parseFineTuneForm('0', '')).toEqual({ ok: false, field: 'epochs' });
    expect(parseFineTuneForm('51', '')).toEqual({ ok: false, field: 'epochs' });
    expect(parseFineTuneForm('2.5', '')).toEqual({ ok: false, field: 'epochs' });
    expect(parseFineTuneForm('', '')).toEqual({ ok: false, field: 'epochs' });
    expect(parseFineTuneForm('8', '0')).toEqual({ ok: false, field: 'windowDays' });
    expect(parseFineTuneForm('8', 'abc')).toEqual({ ok: false, field: 'windowDays' });
    // The time budget (issue 18): minutes in the form, seconds in the request; empty = none.
    expect(parseFineTuneForm('8', '', '15')).toEqual({ ok: true, request: { epochs: 8, budgetSeconds: 900 } });
    expect(parseFineTuneForm('8', '30', ' 2 ')).toEqual({ ok: true, request: { epochs: 8, windowDays: 30, budgetSeconds: 120 } });
    expect(parseFineTuneForm('8', '', '')).toEqual({ ok: true, request: { epochs: 8 } });
    expect(parseFineTuneForm('8', '', '0')).toEqual({ ok: false, field: 'budgetMinutes' });
    expect(parseFineTuneForm('8', '', '1.5')).toEqual({ ok: false, field: 'budgetMinutes' });
    expect(parseFineTuneForm('8', '', '10081')).toEqual({ ok: false, field: 'budgetMinutes' });
  });
});

describe('jobs store: fine-tuning', () => {
  it('starts a fine-tune and builds its curves from jobs.progress', async () => {
    const { client, transport } = fakeClient({ 'finetune.start': (input) => fineTune(null, undefined, { params: input as Record<string, unknown> }) });
    const store = createJobsStore(client);
    connectJobsStore(store, client);
    store.getState().setFineTuneEpochs('3');
    store.getState().setFineTuneWindowDays('14');
    // Automatic (the default) leaves the start to the engine: no fromServing in the request.
    expect(store.getState().fineTuneStart).toBe('auto');
    await store.getState().startFineTune();
    expect(transport.calls.at(-1)).toEqual({ method: 'finetune.start', input: { epochs: 3, windowDays: 14 } });
    store.getState().setFineTuneStart('scratch');
    store.getState().setFineTuneBudgetMinutes('10');
    await store.getState().startFineTune();
    expect(transport.calls.at(-1)).toEqual({ method: 'finetune.start', input: { epochs: 3, windowDays: 14, budgetSeconds: 600, fromServing: false } });
    store.getState().setFineTuneStart('serving');
    await store.getState().startFineTune();
    expect(transport.calls.at(-1)).toEqual({ method: 'finetune.start', input: { epochs: 3, windowDays: 14, budgetSeconds: 600, fromServing: true } });
    store.getState().setFineTuneBudgetMinutes('');
    expect(store.getState().jobs[0]?.kind).toBe('fine-tune');
    expect(store.getState().curves).toEqual({});

    transport.push('jobs.progress', fineTune(100, { epoch: 1, loss: 4.2 }));
    transport.push('jobs.progress', fineTune(200, { epoch: 1, loss: 3.1, valNdcg: 0.21 }));
    transport.push('jobs.progress', fineTune(200, { epoch: 1, loss: 3.1, valNdcg: 0.21 }));
    transport.push('jobs.progress', fineTune(300, { epoch: 2, loss: 2.6, valNdcg: 0.27 }));
    expect(store.getState().curves['ft-1']).toEqual([
      { step: 100, epoch: 1, loss: 4.2, valNdcg: null },
      { step: 200, epoch: 1, loss: 3.1, valNdcg: 0.21 },
      { step: 300, epoch: 2, loss: 2.6, valNdcg: 0.27 },
    ]);
    expect(store.getState().jobs[0]?.progress?.done).toBe(300);

    const result = { version: 'v3', valNdcg: 0.27, bestEpoch: 2, seconds: 12.5, sequences: 900 };
    transport.push('jobs.progress', fineTune(300, { epoch: 2, loss: 2.6, valNdcg: 0.27 }, { status: 'succeeded', result, finishedAt: 2 }));
    expect(store.getState().jobs[0]?.result).toEqual(result);
    expect(store.getState().curves['ft-1']).toHaveLength(3);
  });

  it('seeds a curve from the listed job and keeps curves only for listed jobs', async () => {
    const { client } = fakeClient({ 'jobs.list': () => [fineTune(50, { epoch: 1, loss: 5 })] });
    const store = createJobsStore(client);
    await store.getState().load();
    expect(store.getState().curves['ft-1']).toEqual([{ step: 50, epoch: 1, loss: 5, valNdcg: null }]);
  });

  it('flags an out-of-range field without calling the engine, and shows a refusal', async () => {
    const { client, transport } = fakeClient({
      'finetune.start': () => {
        throw new ContractError('conflict', 'a fine-tune job is already running (ft-0)');
      },
    });
    const store = createJobsStore(client);
    store.getState().setFineTuneEpochs('99');
    await store.getState().startFineTune();
    expect(store.getState().fineTuneInvalid).toBe('epochs');
    expect(transport.calls).toHaveLength(0);
    store.getState().setFineTuneEpochs('8');
    expect(store.getState().fineTuneInvalid).toBeNull();
    await store.getState().startFineTune();
    expect(transport.calls.at(-1)).toEqual({ method: 'finetune.start', input: { epochs: 8 } });
    expect(store.getState().fineTuneStarting).toBe(false);
    expect(store.getState().fineTuneError).toContain('already running');
    expect(store.getState().jobs).toEqual([]);
  });

  it('offers resume on a cancelled or failed fine-tune only', () => {
    expect(isResumable(fineTune(10, undefined, { status: 'cancelled' }))).toBe(true);
    expect(isResumable(fineTune(10, undefined, { status: 'failed' }))).toBe(true);
    expect(isResumable(fineTune(10, undefined, { status: 'succeeded' }))).toBe(false);
    expect(isResumable(fineTune(10))).toBe(false);
    expect(isResumable(fineTune(10, undefined, { kind: 'embed-catalogue', status: 'cancelled' }))).toBe(false);
  });

  it('resumes a stopped fine-tune once, lists the new job, and shows a refusal as an action error', async () => {
    let refuse = false;
    const { client, transport } = fakeClient({
      'finetune.resume': (input) => {
        if (refuse) throw new ContractError('conflict', 'jobId: /models/intent/v.ckpt does not exist');
        return fineTune(null, undefined, { jobId: 'ft-2', createdAt: 1_700_000_000_100, params: { epochs: 8, resumes: (input as { jobId: string }).jobId } });
      },
    });
    const store = createJobsStore(client);
    connectJobsStore(store, client);
    store.getState().receive(fineTune(300, { epoch: 3, loss: 2 }, { status: 'cancelled', finishedAt: 2 }));
    const first = store.getState().resume('ft-1');
    const second = store.getState().resume('ft-1');
    expect(store.getState().resuming).toEqual(['ft-1']);
    await Promise.all([first, second]);
    expect(transport.calls.filter((c) => c.method === 'finetune.resume')).toEqual([{ method: 'finetune.resume', input: { jobId: 'ft-1' } }]);
    expect(store.getState().resuming).toEqual([]);
    expect(store.getState().jobs.map((j) => j.jobId)).toEqual(['ft-2', 'ft-1']);
    expect(store.getState().jobs[0]?.params.resumes).toBe('ft-1');
    expect(store.getState().announcement).toEqual({ jobId: 'ft-2', kind: 'fine-tune', change: 'started' });

    refuse = true;
    await store.getState().resume('ft-1');
    expect(store.getState().actionError).toContain('does not exist');
    expect(store.getState().jobs).toHaveLength(2);
  });
});
