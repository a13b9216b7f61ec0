import { randomUUID } from 'node:crypto';
import { ContractError, type Job, type JobKind, type JobProgress } from '../../../shared/contract';
import type { TopicBus } from '../bus/topic-bus';
import type { JobRepository } from './job-repository';

export interface JobContext {
  signal: AbortSignal;
  report(progress: JobProgress): void;
}

export type JobBody = (ctx: JobContext) => Promise<Record<string, unknown>>;

export class JobCancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * Runs background jobs: one row per job, progress streamed on the bus (at most a few times a
 * second), cancellation through an AbortSignal, and a clear final status whatever happens.
 */
export class JobRunner {
  private readonly running = new Map<string, { job: Job; controller: AbortController; done: Promise<Job> }>();

  constructor(
    private readonly jobs: JobRepository,
    private readonly bus: TopicBus,
    private readonly progressIntervalMs = 250,
  ) {
    jobs.failInterrupted(Date.now());
  }

  /** Starts a job; refuses a second job of the same kind while one runs. */
  start(kind: JobKind, params: Record<string, unknown>, body: JobBody): Job {
    for (const r of this.running.values()) {
      if (r.job.kind === kind) throw new ContractError('conflict', `a ${kind} job is already running (${r.job.jobId})`);
    }
    const job: Job = { jobId: randomUUID(), kind, status: 'running', params, progress: null, result: null, error: null, createdAt: Date.now(), finishedAt: null };
    this.jobs.insert(job);
    const controller = new AbortController();
    let lastPublished = 0;
    const ctx: JobContext = {
      signal: controller.signal,
      report: (progress) => {
        job.progress = progress;
        const now = Date.now();
        if (now - lastPublished >= this.progressIntervalMs || progress.done >= progress.total) {
          lastPublished = now;
          this.jobs.update(job);
          this.bus.publish('jobs.progress', { ...job });
        }
      },
    };
    const done = this.execute(job, body, ctx, controller);
    this.running.set(job.jobId, { job, controller, done });
    this.bus.publish('jobs.progress', { ...job });
    return { ...job };
  }

  isRunning(kind: JobKind): boolean {
    for (const r of this.running.values()) if (r.job.kind === kind) return true;
    return false;
  }

  cancel(jobId: string): Job {
    const r = this.running.get(jobId);
    if (r) {
      r.controller.abort();
      return { ...r.job };
    }
    const stored = this.jobs.get(jobId);
    if (!stored) throw new ContractError('not_found', `jobId: no job ${jobId}`, [{ path: 'jobId', message: 'not found' }]);
    return stored;
  }

  /** Resolves when the job ends (tests and the CLI wait on this). */
  async wait(jobId: string): Promise<Job> {
    const r = this.running.get(jobId);
    return r ? r.done : (this.jobs.get(jobId) ?? Promise.reject(new Error(`no job ${jobId}`)));
  }

  get(jobId: string): Job | undefined {
    const r = this.running.get(jobId);
    return r ? { ...r.job } : this.jobs.get(jobId);
  }

  /** Cancels everything still running and waits for it to stop. */
  async stopAll(): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort();
    await Promise.allSettled(all.map((r) => r.done));
  }

  private async execute(job: Job, body: JobBody, ctx: JobContext, controller: AbortController): Promise<Job> {
    try {
      job.result = await body(ctx);
      job.status = controller.signal.aborted ? 'cancelled' : 'succeeded';
    } catch (err) {
      const cancelled = controller.signal.aborted || err instanceof JobCancelledError;
      job.status = cancelled ? 'cancelled' : 'failed';
      job.error = cancelled ? null : err instanceof Error ? err.message : String(err);
      if (!cancelled) console.error(`[jobs] ${job.kind} ${job.jobId} failed:`, err);
    }
    job.finishedAt = Date.now();
    this.running.delete(job.jobId);
    try {
      this.jobs.update(job);
      this.bus.publish('jobs.progress', { ...job });
    } catch (err) {
      // The store may already be closed when the engine shuts down mid-job.
      console.error(`[jobs] could not record the end of ${job.jobId}:`, err);
    }
    return { ...job };
  }
}
