import { describe, expect, it, vi } from 'vitest';
import type { Job } from '../../src/renderer/src/transport/contract';
import { ContractError } from '../../src/renderer/src/transport/contract';
import { hasRunning, jobTransition, mergeJobs, newerJob, progressPercent, resultFigures } from '../../src/renderer/src/stores/jobList';
import { connectJobsStore, createJobsStore } from '../../src/renderer/src/stores/jobsStore';
import { fakeClient } from './fakes';

function job(overrides: Partial<Job> = {}): Job {
  return {
    jobId: 'job-1',
    kind: 'embed-catalogue',
    status: 'running',
    params: { variant: 'int8' },
    progress: null,
    result: null,
    error: null,
    createdAt: 1_700_000_000_000,
    finishedAt: null,
    ...overrides,
  };
}

const progress = (done: number, total = 100) => ({ done, total, rate: 50, etaSeconds: (total - done) / 50, message: `${done} embedded, 0 cached` });

describe('job list', () => {
  it('keeps jobs newest first, each once, capped', () => {
    const merged = mergeJobs([job({ jobId: 'a', createdAt: 1 })], [job({ jobId: 'b', createdAt: 3 }), job({ jobId: 'c', createdAt: 2 })], 2);
    expect(merged.map((j) => j.jobId)).toEqual(['b', 'c']);
  });

  it('never lets a stale copy rewind progress or reopen a finished job', () => {
    const finished = job({ status: 'succeeded', progress: progress(100), finishedAt: 2 });
    expect(newerJob(finished, job({ progress: progress(90) }))).toBe(finished);
    const at50 = job({ progress: progress(50) });
    expect(newerJob(at50, job({ progress: progress(20) }))).toBe(at50);
    const at60 = job({ progress: progress(60) });
    expect(newerJob(at50, at60)).toBe(at60);
    expect(mergeJobs([finished], [job({ progress: progress(10) })])[0]?.status).toBe('succeeded');
  });

  it('gives percent done, or null before the first report', () => {
    expect(progressPercent(job())).toBeNull();
    expect(progressPercent(job({ progress: progress(0, 0) }))).toBeNull();
    expect(progressPercent(job({ progress: progress(1, 3) }))).toBe(33);
    expect(progressPercent(job({ status: 'succeeded', progress: null }))).toBe(100);
  });

  it('orders result figures known keys first and drops non-scalar values', () => {
    const done = job({ status: 'succeeded', result: { provider: 'cpu', extra: 1, total: 5000, embedded: 4990, skipped: 10, seconds: 42.5, nested: { a: 1 } } });
    expect(resultFigures(done).map((f) => f.key)).toEqual(['total', 'embedded', 'skipped', 'seconds', 'provider', 'extra']);
    expect(resultFigures(job())).toEqual([]);
  });

  it('announces starts and ends, not progress ticks', () => {
    expect(jobTransition(undefined, job())).toBe('started');
    expect(jobTransition(job(), job({ progress: progress(5) }))).toBeNull();
    expect(jobTransition(job(), job({ status: 'failed', error: 'boom' }))).toBe('failed');
  });

  it('knows when a kind is already running', () => {
    expect(hasRunning([job({ status: 'succeeded' }), job({ jobId: 'b' })], 'embed-catalogue')).toBe(true);
    expect(hasRunning([job({ status: 'cancelled' })], 'embed-catalogue')).toBe(false);
  });
});

describe('jobs store', () => {
  it('loads the list and merges pushes that arrived meanwhile', async () => {
    let release: () => void = () => undefined;
    const { client, transport } = fakeClient({
      'jobs.list': () => new Promise((resolve) => (release = () => resolve([job({ progress: progress(10) })]))),
    });
    const store = createJobsStore(client);
    connectJobsStore(store, client);
    const loading = store.getState().load();
    transport.push('jobs.progress', job({ progress: progress(70) }));
    release();
    await loading;
    expect(store.getState().loaded).toBe(true);
    expect(store.getState().jobs).toHaveLength(1);
    expect(store.getState().jobs[0]?.progress?.done).toBe(70);
    expect(transport.calls[0]).toEqual({ method: 'jobs.list', input: { limit: 50 } });
  });

  it('starts the embedding job with the chosen variant and follows its pushes to the end', async () => {
    const { client, transport } = fakeClient({ 'embeddings.start': (input) => job({ params: input as Record<string, unknown> }) });
    const store = createJobsStore(client);
    const finished = vi.fn();
    connectJobsStore(store, client, { onJobFinished: finished });
    store.getState().setVariant('fp32');
    await store.getState().startEmbedding();
    expect(transport.calls.at(-1)).toEqual({ method: 'embeddings.start', input: { variant: 'fp32' } });
    expect(store.getState().jobs[0]?.params).toEqual({ variant: 'fp32' });
    expect(store.getState().announcement).toEqual({ jobId: 'job-1', kind: 'embed-catalogue', change: 'started' });

    transport.push('jobs.progress', job({ progress: progress(50) }));
    expect(store.getState().jobs[0]?.progress?.done).toBe(50);
    expect(finished).not.toHaveBeenCalled();

    const done = job({ status: 'succeeded', progress: progress(100), result: { total: 100, embedded: 100, skipped: 0 }, finishedAt: 2 });
    transport.push('jobs.progress', done);
    transport.push('jobs.progress', done);
    expect(store.getState().jobs[0]?.status).toBe('succeeded');
    expect(store.getState().announcement?.change).toBe('succeeded');
    expect(finished).toHaveBeenCalledTimes(1);
  });

  it('keeps a refused start as an action error and leaves the list alone', async () => {
    const { client } = fakeClient({
      'embeddings.start': () => {
        throw new ContractError('conflict', 'a embed-catalogue job is already running (job-0)');
      },
    });
    const store = createJobsStore(client);
    await store.getState().startEmbedding();
    expect(store.getState().starting).toBe(false);
    expect(store.getState().actionError).toContain('already running');
    expect(store.getState().jobs).toEqual([]);
  });

  it('cancels a running job once, however often the button is pressed', async () => {
    const { client, transport } = fakeClient({ 'jobs.cancel': () => job() });
    const store = createJobsStore(client);
    connectJobsStore(store, client);
    store.getState().receive(job());
    const first = store.getState().cancel('job-1');
    const second = store.getState().cancel('job-1');
    expect(store.getState().cancelling).toEqual(['job-1']);
    await Promise.all([first, second]);
    expect(transport.calls.filter((c) => c.method === 'jobs.cancel')).toHaveLength(1);
    expect(store.getState().cancelling).toEqual([]);
    // The cancel reply is the still-running job; the push with the final status follows.
    transport.push('jobs.progress', job({ status: 'cancelled', finishedAt: 3 }));
    expect(store.getState().jobs[0]?.status).toBe('cancelled');
  });

  it('reloads after a reconnect, and stops listening when disconnected', async () => {
    const { client, transport } = fakeClient({ 'jobs.list': () => [] });
    const store = createJobsStore(client);
    const stop = connectJobsStore(store, client);
    await store.getState().load();
    transport.setConnection('offline');
    transport.setConnection('online');
    await Promise.resolve();
    expect(transport.calls.filter((c) => c.method === 'jobs.list')).toHaveLength(2);
    stop();
    transport.push('jobs.progress', job());
    expect(store.getState().jobs).toEqual([]);
  });
});
