import type { Job, JobStatus } from '../transport/contract';

/** How many jobs the page keeps; the engine keeps the full history. */
export const JOB_LIST_LIMIT = 50;

export function isFinished(status: JobStatus): boolean {
  return status !== 'running';
}

/**
 * How far along a job's record is, so a stale copy never overwrites a newer one: a list reply that
 * left the engine before a push must not put a finished job back to running, or rewind its bar.
 */
function advancement(job: Job): number {
  if (isFinished(job.status)) return Number.MAX_SAFE_INTEGER;
  return job.progress?.done ?? -1;
}

/** The newer of two copies of one job (ties go to the incoming copy, which carries the latest message). */
export function newerJob(current: Job | undefined, incoming: Job): Job {
  if (!current) return incoming;
  return advancement(incoming) >= advancement(current) ? incoming : current;
}

/** Adds or updates jobs, newest first by start time, capped at `limit`. */
export function mergeJobs(current: readonly Job[], incoming: readonly Job[], limit = JOB_LIST_LIMIT): Job[] {
  const byId = new Map(current.map((j) => [j.jobId, j]));
  for (const job of incoming) byId.set(job.jobId, newerJob(byId.get(job.jobId), job));
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt || a.jobId.localeCompare(b.jobId)).slice(0, limit);
}

/** Percent done, 0–100, or null when the job has not reported a total yet (an indeterminate bar). */
export function progressPercent(job: Job): number | null {
  if (job.status === 'succeeded') return 100;
  const p = job.progress;
  if (!p || p.total <= 0) return null;
  return Math.max(0, Math.min(100, Math.round((p.done / p.total) * 100)));
}

/** Whether a job of this kind is running, so the page does not offer to start a second one. */
export function hasRunning(jobs: readonly Job[], kind: Job['kind']): boolean {
  return jobs.some((j) => j.kind === kind && j.status === 'running');
}

/** A fine-tune job that stopped early can continue from its last epoch's checkpoint (the engine checks the checkpoint). */
export function isResumable(job: Pick<Job, 'kind' | 'status'>): boolean {
  return job.kind === 'fine-tune' && (job.status === 'cancelled' || job.status === 'failed');
}

export interface ResultFigure {
  /** The result's own key, e.g. `embedded`; the page translates the ones it knows. */
  key: string;
  value: string | number;
}

/** A finished job's result as figures, in a stable order: known keys first, anything else after. */
export function resultFigures(job: Job, knownOrder: readonly string[] = ['total', 'embedded', 'skipped', 'seconds', 'modelVersion', 'provider']): ResultFigure[] {
  if (!job.result) return [];
  const figures: ResultFigure[] = [];
  const entries = Object.entries(job.result).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number');
  const rank = (key: string): number => {
    const i = knownOrder.indexOf(key);
    return i === -1 ? knownOrder.length : i;
  };
  entries.sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
  for (const [key, value] of entries) figures.push({ key, value });
  return figures;
}

/**
 * What to announce to screen readers when a push moves a job on: only the start and the end, since
 * every progress tick would drown the user.
 */
export function jobTransition(previous: Job | undefined, next: Job): 'started' | JobStatus | null {
  if (!previous) return next.status === 'running' ? 'started' : next.status;
  if (previous.status === next.status) return null;
  return next.status;
}
