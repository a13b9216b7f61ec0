import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Job, JobStatus } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
import { isFinished, JOB_LIST_LIMIT, jobTransition, mergeJobs, newerJob } from './jobList';

export type EmbeddingVariant = 'int8' | 'fp32';

export interface JobAnnouncement {
  jobId: string;
  kind: Job['kind'];
  change: 'started' | JobStatus;
}

export interface JobsState {
  jobs: Job[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  variant: EmbeddingVariant;
  starting: boolean;
  /** Job ids whose cancel request is in flight, so the button cannot be pressed twice. */
  cancelling: string[];
  /** A failed start or cancel, shown beside the controls rather than replacing the list. */
  actionError: string | null;
  /** The latest start or end of a job, for the page's polite live region. */
  announcement: JobAnnouncement | null;
  load(): Promise<void>;
  receive(job: Job): void;
  setVariant(variant: EmbeddingVariant): void;
  startEmbedding(): Promise<void>;
  cancel(jobId: string): Promise<void>;
}

export type JobsStore = StoreApi<JobsState>;

export function createJobsStore(client: ApiClient): JobsStore {
  return createStore<JobsState>()((set, get) => ({
    jobs: [],
    loaded: false,
    loading: false,
    error: null,
    variant: 'int8',
    starting: false,
    cancelling: [],
    actionError: null,
    announcement: null,
    async load() {
      set({ loading: true, error: null });
      try {
        const jobs = await client.call('jobs.list', { limit: JOB_LIST_LIMIT });
        // Merge: pushes that arrived while the request was in flight are newer than the list.
        set((s) => ({ jobs: mergeJobs(s.jobs, jobs), loaded: true, loading: false }));
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
    receive(job) {
      const previous = get().jobs.find((j) => j.jobId === job.jobId);
      // A stale copy (an answer overtaken by a push) changes nothing and announces nothing.
      const change = newerJob(previous, job) === job ? jobTransition(previous, job) : null;
      set((s) => ({ jobs: mergeJobs(s.jobs, [job]), ...(change ? { announcement: { jobId: job.jobId, kind: job.kind, change } } : {}) }));
    },
    setVariant: (variant) => set({ variant }),
    async startEmbedding() {
      if (get().starting) return;
      set({ starting: true, actionError: null });
      try {
        const job = await client.call('embeddings.start', { variant: get().variant });
        get().receive(job);
        set({ starting: false });
      } catch (error) {
        set({ starting: false, actionError: errorMessage(error) });
      }
    },
    async cancel(jobId) {
      if (get().cancelling.includes(jobId)) return;
      set((s) => ({ cancelling: [...s.cancelling, jobId], actionError: null }));
      try {
        const job = await client.call('jobs.cancel', { jobId });
        get().receive(job);
      } catch (error) {
        set({ actionError: errorMessage(error) });
      } finally {
        set((s) => ({ cancelling: s.cancelling.filter((id) => id !== jobId) }));
      }
    },
  }));
}

export interface JobsWiringOptions {
  /** Called when a job ends (e.g. to refresh engine.info once the embedding job has loaded the text model). */
  onJobFinished?: (job: Job) => void;
}

/** Jobs follow `jobs.progress` for the whole app lifetime; a reconnect reloads the list to close the gap. */
export function connectJobsStore(store: JobsStore, client: ApiClient, options: JobsWiringOptions = {}): () => void {
  const stopProgress = client.subscribe('jobs.progress', (job) => {
    const previous = store.getState().jobs.find((j) => j.jobId === job.jobId);
    store.getState().receive(job);
    if (isFinished(job.status) && (!previous || !isFinished(previous.status))) options.onJobFinished?.(job);
  });
  let wasOffline = false;
  const stopConnection = client.onConnection((state) => {
    if (state === 'offline') wasOffline = true;
    if (state === 'online' && wasOffline) {
      wasOffline = false;
      if (store.getState().loaded) void store.getState().load();
    }
  });
  return () => {
    stopProgress();
    stopConnection();
  };
}
