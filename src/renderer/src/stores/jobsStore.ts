import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Job, JobStatus } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
import { type CurveHistory, EPOCHS_DEFAULT, type FineTuneField, type FineTuneStart, parseFineTuneForm, pruneCurves, recordCurve } from './fineTune';
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
  /** Job ids whose resume request is in flight. */
  resuming: string[];
  /** A failed start, cancel or resume, shown beside the controls rather than replacing the list. */
  actionError: string | null;
  /** The latest start or end of a job, for the page's polite live region. */
  announcement: JobAnnouncement | null;
  /** Loss / validation-NDCG points of fine-tune jobs, per job id, gathered from their progress messages. */
  curves: CurveHistory;
  /** The fine-tune form, as typed (validated on start). */
  fineTuneEpochs: string;
  fineTuneWindowDays: string;
  /** The time budget field's text, minutes (empty: no budget). */
  fineTuneBudgetMinutes: string;
  /** Where training starts: the engine decides (incremental on large stores), from scratch, or from the serving version's weights. */
  fineTuneStart: FineTuneStart;
  fineTuneStarting: boolean;
  /** The form field that is out of range, after a start was tried. */
  fineTuneInvalid: FineTuneField | null;
  /** The engine's refusal of a fine-tune start. */
  fineTuneError: string | null;
  load(): Promise<void>;
  receive(job: Job): void;
  setVariant(variant: EmbeddingVariant): void;
  startEmbedding(): Promise<void>;
  cancel(jobId: string): Promise<void>;
  /** Continues a cancelled or failed fine-tune job from its last epoch's checkpoint, as a new job. */
  resume(jobId: string): Promise<void>;
  setFineTuneEpochs(text: string): void;
  setFineTuneWindowDays(text: string): void;
  setFineTuneBudgetMinutes(text: string): void;
  setFineTuneStart(start: FineTuneStart): void;
  startFineTune(): Promise<void>;
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
    resuming: [],
    actionError: null,
    announcement: null,
    curves: {},
    fineTuneEpochs: String(EPOCHS_DEFAULT),
    fineTuneWindowDays: '',
    fineTuneBudgetMinutes: '',
    fineTuneStart: 'auto',
    fineTuneStarting: false,
    fineTuneInvalid: null,
    fineTuneError: null,
    async load() {
      set({ loading: true, error: null });
      try {
        const jobs = await client.call('jobs.list', { limit: JOB_LIST_LIMIT });
        // Merge: pushes that arrived while the request was in flight are newer than the list.
        set((s) => {
          const merged = mergeJobs(s.jobs, jobs);
          // A listed job's latest figures seed its curve (e.g. a fine-tune that was running before the page opened).
          const curves = pruneCurves(merged.reduce(recordCurve, s.curves), merged);
          return { jobs: merged, curves, loaded: true, loading: false };
        });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
    receive(job) {
      const previous = get().jobs.find((j) => j.jobId === job.jobId);
      // A stale copy (an answer overtaken by a push) changes nothing and announces nothing.
      const change = newerJob(previous, job) === job ? jobTransition(previous, job) : null;
      set((s) => {
        const jobs = mergeJobs(s.jobs, [job]);
        return { jobs, curves: pruneCurves(recordCurve(s.curves, job), jobs), ...(change ? { announcement: { jobId: job.jobId, kind: job.kind, change } } : {}) };
      });
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
    async resume(jobId) {
      if (get().resuming.includes(jobId)) return;
      set((s) => ({ resuming: [...s.resuming, jobId], actionError: null }));
      try {
        get().receive(await client.call('finetune.resume', { jobId }));
      } catch (error) {
        set({ actionError: errorMessage(error) });
      } finally {
        set((s) => ({ resuming: s.resuming.filter((id) => id !== jobId) }));
      }
    },
    setFineTuneEpochs: (fineTuneEpochs) => set((s) => ({ fineTuneEpochs, fineTuneInvalid: s.fineTuneInvalid === 'epochs' ? null : s.fineTuneInvalid })),
    setFineTuneStart: (fineTuneStart) => set({ fineTuneStart }),
    setFineTuneBudgetMinutes: (fineTuneBudgetMinutes) => set((s) => ({ fineTuneBudgetMinutes, fineTuneInvalid: s.fineTuneInvalid === 'budgetMinutes' ? null : s.fineTuneInvalid })),
    setFineTuneWindowDays: (fineTuneWindowDays) => set((s) => ({ fineTuneWindowDays, fineTuneInvalid: s.fineTuneInvalid === 'windowDays' ? null : s.fineTuneInvalid })),
    async startFineTune() {
      if (get().fineTuneStarting) return;
      const form = parseFineTuneForm(get().fineTuneEpochs, get().fineTuneWindowDays, get().fineTuneBudgetMinutes);
      if (!form.ok) {
        set({ fineTuneInvalid: form.field, fineTuneError: null });
        return;
      }
      set({ fineTuneStarting: true, fineTuneInvalid: null, fineTuneError: null });
      try {
        const start = get().fineTuneStart;
        const job = await client.call('finetune.start', { ...form.request, ...(start === 'auto' ? {} : { fromServing: start === 'serving' }) });
        get().receive(job);
        set({ fineTuneStarting: false });
      } catch (error) {
        set({ fineTuneStarting: false, fineTuneError: errorMessage(error) });
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
