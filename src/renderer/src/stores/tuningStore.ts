import { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { CHANNELS, FusionWeights, type Channel, type Confirmation, type Job, type RankedList, type ReplayResult, type WeightsVersion } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
import { isConfirmationRequired } from './guardStore';
import { snapWeight, weightsOfVersion } from './fusionPreview';

/** Items fetched for the preview: more than are shown, so items from below can climb into view. */
export const PREVIEW_POOL = 50;
export const PREVIEW_SHOWN = 20;
export const REPLAY_CASES = 300;
export const REPLAY_DEBOUNCE_MS = 250;
export const SLIDER_MAX = 4;
export const SLIDER_STEP = 0.05;

/** What an auto-tune job leaves in `result` (the contract keeps job results free-form). */
export const AutoTuneResult = z.object({
  weights: FusionWeights,
  value: z.number(),
  ci: z.tuple([z.number(), z.number()]),
  baseline: z.number(),
  cases: z.number(),
  /** `value`/`baseline` are on the tuning half (where the search looked); `reporting` is the half it never saw. */
  half: z.enum(['tuning', 'reporting']).optional(),
  reporting: z.object({ value: z.number(), ci: z.tuple([z.number(), z.number()]), baseline: z.number(), cases: z.number() }).optional(),
});
export type AutoTuneResult = z.infer<typeof AutoTuneResult>;

/** What an auto-tune job on the off-policy objective leaves: the expected reward per list, searched on the older half of the randomised lists, reported on the newer. */
export const OffPolicyAutoTuneResult = z.object({
  weights: FusionWeights,
  objective: z.literal('off-policy'),
  estimator: z.string(),
  value: z.number(),
  baseline: z.number(),
  lists: z.number(),
  reporting: z.object({
    value: z.number().nullable(),
    ci: z.tuple([z.number().nullable(), z.number().nullable()]),
    baseline: z.number().nullable(),
    serving: z.number().nullable(),
    lists: z.number(),
    warnings: z.array(z.string()),
  }),
});
export type OffPolicyAutoTuneResult = z.infer<typeof OffPolicyAutoTuneResult>;

export type AutotuneObjective = 'replay' | 'off-policy';

export interface TuningState {
  loaded: boolean;
  error: string | null;
  current: WeightsVersion | null;
  /** Newest first. */
  history: WeightsVersion[];
  sliders: FusionWeights | null;
  shoppers: string[];
  shopperId: string | null;
  list: RankedList | null;
  listLoading: boolean;
  listError: string | null;
  /** The replayed metric of the slider weights, and of the saved version (the baseline for the delta). */
  replay: ReplayResult | null;
  replayFor: FusionWeights | null;
  replayPending: boolean;
  replayError: string | null;
  baseline: ReplayResult | null;
  note: string;
  saving: boolean;
  saveError: string | null;
  rollingBack: number | null;
  diffFrom: number | null;
  diffTo: number | null;
  autotuneJob: Job | null;
  autotuneStarting: boolean;
  autotuneError: string | null;
  autotuneObjective: AutotuneObjective;
  load(): Promise<void>;
  setWeight(channel: Channel, value: number): void;
  setSliders(weights: FusionWeights): void;
  resetSliders(): void;
  setShopper(shopperId: string): Promise<void>;
  setNote(note: string): void;
  /** Guarded (the risk dialog calls it): a refusal for want of a reason is thrown back to the dialog. */
  save(confirm?: Confirmation): Promise<void>;
  rollback(version: number, confirm?: Confirmation): Promise<void>;
  setDiff(from: number | null, to: number | null): void;
  setAutotuneObjective(objective: AutotuneObjective): void;
  startAutotune(): Promise<void>;
  receiveJob(job: Job): void;
  loadProposal(): void;
}

export type TuningStore = StoreApi<TuningState>;

export function autotuneResultOf(job: Job | null): AutoTuneResult | OffPolicyAutoTuneResult | null {
  if (!job || job.status !== 'succeeded' || !job.result) return null;
  const offPolicy = OffPolicyAutoTuneResult.safeParse(job.result);
  if (offPolicy.success) return offPolicy.data;
  const parsed = AutoTuneResult.safeParse(job.result);
  return parsed.success ? parsed.data : null;
}

export interface TuningOptions {
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function createTuningStore(client: ApiClient, options: TuningOptions = {}): TuningStore {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let replayTimer: unknown = null;
  let replayToken = 0;
  let listToken = 0;

  return createStore<TuningState>()((set, get) => {
    const runReplay = async (weights: FusionWeights): Promise<void> => {
      const token = ++replayToken;
      set({ replayPending: true, replayError: null });
      try {
        const result = await client.call('tuning.replay', { weights, cases: REPLAY_CASES });
        if (token !== replayToken) return;
        set({ replay: result, replayFor: weights, replayPending: false });
      } catch (error) {
        if (token !== replayToken) return;
        set({ replayPending: false, replayError: errorMessage(error) });
      }
    };
    const scheduleReplay = (): void => {
      if (replayTimer !== null) clearTimer(replayTimer);
      set({ replayPending: true });
      replayTimer = setTimer(() => {
        replayTimer = null;
        const sliders = get().sliders;
        if (sliders) void runReplay(sliders);
      }, REPLAY_DEBOUNCE_MS);
    };
    const runBaseline = async (weights: FusionWeights): Promise<void> => {
      try {
        const baseline = await client.call('tuning.replay', { weights, cases: REPLAY_CASES });
        set({ baseline });
      } catch (error) {
        set({ replayError: errorMessage(error) });
      }
    };
    const loadList = async (): Promise<void> => {
      const shopperId = get().shopperId;
      if (!shopperId) return;
      const token = ++listToken;
      set({ listLoading: true, listError: null });
      try {
        const list = await client.call('recommend', { shopperId, k: PREVIEW_POOL, slot: 'home' });
        if (token !== listToken) return;
        set({ list, listLoading: false });
      } catch (error) {
        if (token !== listToken) return;
        set({ listLoading: false, listError: errorMessage(error) });
      }
    };
    const afterNewVersion = async (version: WeightsVersion): Promise<void> => {
      const history = await client.call('weights.history', {});
      set({ current: version, history: [...history].sort((a, b) => b.version - a.version), sliders: { ...version.weights }, baseline: null, replay: null, replayFor: null });
      await Promise.all([loadList(), runBaseline(version.weights)]);
      // The sliders now equal the saved weights: the replay is the baseline.
      const baseline = get().baseline;
      if (baseline) set({ replay: baseline, replayFor: version.weights });
    };

    return {
      loaded: false,
      error: null,
      current: null,
      history: [],
      sliders: null,
      shoppers: [],
      shopperId: null,
      list: null,
      listLoading: false,
      listError: null,
      replay: null,
      replayFor: null,
      replayPending: false,
      replayError: null,
      baseline: null,
      note: '',
      saving: false,
      saveError: null,
      rollingBack: null,
      diffFrom: null,
      diffTo: null,
      autotuneJob: null,
      autotuneStarting: false,
      autotuneError: null,
      autotuneObjective: 'replay',

      async load() {
        set({ error: null });
        try {
          const [current, history, sessions, jobs] = await Promise.all([
            client.call('weights.get', {}),
            client.call('weights.history', {}),
            client.call('sessions.list', { limit: 100 }),
            client.call('jobs.list', { limit: 20, kind: 'auto-tune' }),
          ]);
          const shoppers = [...new Set(sessions.map((s) => s.shopperId))];
          const sorted = [...history].sort((a, b) => b.version - a.version);
          const keepShopper = get().shopperId;
          set({
            loaded: true,
            current,
            history: sorted,
            sliders: get().sliders ?? { ...current.weights },
            shoppers,
            shopperId: keepShopper && shoppers.includes(keepShopper) ? keepShopper : keepShopper ?? shoppers[0] ?? null,
            diffFrom: sorted[1]?.version ?? sorted[0]?.version ?? null,
            diffTo: sorted[0]?.version ?? null,
            autotuneJob: get().autotuneJob ?? jobs[0] ?? null,
          });
          await Promise.all([loadList(), runBaseline(current.weights)]);
          const { sliders, baseline } = get();
          if (sliders && baseline && !get().replay) {
            const same = CHANNELS.every((c) => sliders[c] === current.weights[c]);
            if (same) set({ replay: baseline, replayFor: current.weights });
            else scheduleReplay();
          }
        } catch (error) {
          set({ error: errorMessage(error) });
        }
      },
      setWeight(channel, value) {
        const sliders = get().sliders;
        if (!sliders) return;
        set({ sliders: { ...sliders, [channel]: snapWeight(value) } });
        scheduleReplay();
      },
      setSliders(weights) {
        set({ sliders: { ...weights } });
        scheduleReplay();
      },
      resetSliders() {
        const current = get().current;
        if (current) get().setSliders(current.weights);
      },
      async setShopper(shopperId) {
        set({ shopperId });
        await loadList();
      },
      setNote: (note) => set({ note }),
      async save(confirm) {
        const { sliders, saving, note } = get();
        if (!sliders || saving) return;
        set({ saving: true, saveError: null });
        try {
          const version = await client.call('weights.set', { weights: sliders, note: note.trim(), ...(confirm ? { confirm } : {}) });
          set({ note: '' });
          await afterNewVersion(version);
          set({ saving: false, diffFrom: get().history[1]?.version ?? null, diffTo: version.version });
        } catch (error) {
          if (isConfirmationRequired(error)) {
            set({ saving: false });
            throw error;
          }
          set({ saving: false, saveError: errorMessage(error) });
        }
      },
      async rollback(version, confirm) {
        if (get().rollingBack !== null) return;
        set({ rollingBack: version, saveError: null });
        try {
          const saved = await client.call('weights.rollback', { version, ...(confirm ? { confirm } : {}) });
          await afterNewVersion(saved);
          set({ rollingBack: null });
        } catch (error) {
          if (isConfirmationRequired(error)) {
            set({ rollingBack: null });
            throw error;
          }
          set({ rollingBack: null, saveError: errorMessage(error) });
        }
      },
      setDiff: (diffFrom, diffTo) => set({ diffFrom, diffTo }),
      setAutotuneObjective: (autotuneObjective) => set({ autotuneObjective }),
      async startAutotune() {
        if (get().autotuneStarting || get().autotuneJob?.status === 'running') return;
        set({ autotuneStarting: true, autotuneError: null });
        try {
          const job = await client.call('tuning.autotune', { cases: 200, rounds: 2, objective: get().autotuneObjective, slot: 'home' });
          set({ autotuneJob: job, autotuneStarting: false });
        } catch (error) {
          set({ autotuneStarting: false, autotuneError: errorMessage(error) });
        }
      },
      receiveJob(job) {
        if (job.kind !== 'auto-tune') return;
        const mine = get().autotuneJob;
        // A newer auto-tune (e.g. started from another window) replaces the one shown.
        if (!mine || mine.jobId === job.jobId || job.createdAt >= mine.createdAt) set({ autotuneJob: job });
      },
      loadProposal() {
        const result = autotuneResultOf(get().autotuneJob);
        if (result) get().setSliders(result.weights);
      },
    };
  });
}

/** Auto-tune progress arrives on the same push topic as every job. */
export function connectTuningStore(store: TuningStore, client: ApiClient): () => void {
  return client.subscribe('jobs.progress', (job) => store.getState().receiveJob(job));
}

/** The weights the current preview list was ranked with (null until both are known). */
export function listWeightsOf(state: Pick<TuningState, 'list' | 'history' | 'current'>): FusionWeights | null {
  if (!state.list) return null;
  return weightsOfVersion(state.list.weightsVersion, state.history, state.current);
}

