import type { ImportTask } from '../transport/contract';

/** How many imports the list keeps (the engine keeps the running, the waiting and the last 20). */
export const IMPORT_QUEUE_LIMIT = 30;

/** Merges one pushed task into the list: replaced in place when known, else added at the top. */
export function mergeImportTask(queue: readonly ImportTask[], task: ImportTask): ImportTask[] {
  const index = queue.findIndex((t) => t.importId === task.importId);
  if (index === -1) return [task, ...queue].slice(0, IMPORT_QUEUE_LIMIT);
  // A late push of an older state (running after finished) must not undo the end.
  const known = queue[index] as ImportTask;
  if (known.finishedAt !== null && task.finishedAt === null) return [...queue];
  const next = [...queue];
  next[index] = task;
  return next;
}

export function isImportActive(task: ImportTask): boolean {
  return task.status === 'queued' || task.status === 'running';
}

/** Percent read, or null while nothing is known. */
export function importPercent(task: ImportTask): number | null {
  if (task.status === 'succeeded') return 100;
  const { done, total } = task.progress;
  if (total <= 0) return task.status === 'running' ? null : 0;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}
