import { createStore, type StoreApi } from 'zustand/vanilla';
import { ContractError, type Confirmation, type Experiment, type ExperimentResults, type IntentModelVersion, type RankingPolicyVersion, type Rule, type WeightsVersion } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { t } from '../i18n/translate';
import { errorMessage } from './errorMessage';
import { ARM_POLICY_FIELDS, emptyArm, evenShares, experimentInputFromForm, fieldErrorsFromIssues, holdoutArm, MAX_ARMS, MIN_ARMS, newExperimentForm, type ArmFormValues, type ExperimentFieldErrors, type ExperimentFormValues, type ExperimentPreset } from './experimentForm';
import { sortExperiments } from './experimentResults';
import { isConfirmationRequired } from './guardStore';

export const EXPERIMENTS_REFRESH_MS = 5_000;

/** What the arm pickers offer: stored weights versions, registered model versions, rules and learned ranking policies. */
export interface PolicyOptions {
  weights: WeightsVersion[];
  models: IntentModelVersion[];
  rules: Rule[];
  policies: RankingPolicyVersion[];
}

export type ExperimentAction = 'start' | 'stop' | 'promote';

export interface ExperimentsState {
  experiments: Experiment[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  results: ExperimentResults | null;
  resultsError: string | null;
  form: ExperimentFormValues | null;
  fieldErrors: ExperimentFieldErrors;
  creating: boolean;
  options: PolicyOptions | null;
  optionsError: string | null;
  pending: ExperimentAction | null;
  actionError: string | null;
  /** `quiet`: a background refresh, which leaves the loading flag (and the Refresh button) alone. */
  load(options?: { quiet?: boolean }): Promise<void>;
  select(experimentId: string | null): Promise<void>;
  loadResults(): Promise<void>;
  /** Opens a new form; a preset starts it with a learned policy's arm (from the Jobs page). */
  openNew(preset?: ExperimentPreset): void;
  closeForm(): void;
  setField<K extends keyof ExperimentFormValues>(field: K, value: ExperimentFormValues[K]): void;
  setArmField<K extends keyof ArmFormValues>(index: number, field: K, value: ArmFormValues[K]): void;
  addArm(): void;
  removeArm(index: number): void;
  splitEvenly(): void;
  /** Creates the experiment (and starts it when asked); true when it was created. */
  create(start: boolean): Promise<boolean>;
  start(experimentId: string): Promise<void>;
  /** Guarded: throws 'confirmation_required' back to the dialog; other failures stay in actionError. */
  stop(experimentId: string, confirm?: Confirmation): Promise<void>;
  promote(experimentId: string, armId: string, confirm?: Confirmation): Promise<void>;
}

export type ExperimentsStore = StoreApi<ExperimentsState>;

export function createExperimentsStore(client: ApiClient): ExperimentsStore {
  let resultsToken = 0;
  let listToken = 0;
  return createStore<ExperimentsState>()((set, get) => {
    /** Puts an experiment the engine returned into the list (and the open results). */
    const upsert = (experiment: Experiment): void =>
      set((s) => ({
        experiments: sortExperiments([...s.experiments.filter((e) => e.experimentId !== experiment.experimentId), experiment]),
        results: s.results && s.results.experiment.experimentId === experiment.experimentId ? { ...s.results, experiment } : s.results,
      }));

    async function act(action: ExperimentAction, run: () => Promise<Experiment>, guarded: boolean): Promise<void> {
      if (get().pending !== null) return;
      set({ pending: action, actionError: null });
      try {
        const experiment = await run();
        upsert(experiment);
        set({ pending: null });
        void get().loadResults();
      } catch (error) {
        set({ pending: null });
        if (guarded && isConfirmationRequired(error)) throw error;
        set({ actionError: errorMessage(error) });
      }
    }

    const loadOptions = async (): Promise<void> => {
      try {
        // Learned policies are one more choice: without them the other pickers still work, and the failure is said.
        let policiesError: string | null = null;
        const [weights, models, rules, policies] = await Promise.all([
          client.call('weights.history', {}),
          client.call('models.list', {}),
          client.call('rules.list', {}),
          client.call('policies.list', {}).catch((error: unknown) => {
            policiesError = errorMessage(error);
            return [];
          }),
        ]);
        set({
          options: {
            weights: [...weights].sort((a, b) => b.version - a.version),
            models: [...models].sort((a, b) => b.createdAt - a.createdAt),
            rules,
            policies: [...policies].sort((a, b) => b.createdAt - a.createdAt),
          },
          optionsError: policiesError,
        });
      } catch (error) {
        set({ optionsError: errorMessage(error) });
      }
    };

    const editForm = (change: (form: ExperimentFormValues) => ExperimentFormValues, cleared: string[] = []): void => {
      const form = get().form;
      if (!form) return;
      const fieldErrors = Object.fromEntries(Object.entries(get().fieldErrors).filter(([k]) => !cleared.includes(k) && k !== '_form'));
      set({ form: change(form), fieldErrors });
    };

    return {
      experiments: [],
      loaded: false,
      loading: false,
      error: null,
      selectedId: null,
      results: null,
      resultsError: null,
      form: null,
      fieldErrors: {},
      creating: false,
      options: null,
      optionsError: null,
      pending: null,
      actionError: null,
      async load(options = {}) {
        const token = ++listToken;
        if (!options.quiet) set({ loading: true, error: null });
        try {
          const experiments = await client.call('experiments.list', {});
          if (token !== listToken) return;
          const selectedId = get().selectedId;
          set({ experiments: sortExperiments(experiments), loaded: true, loading: false });
          if (selectedId !== null && !experiments.some((e) => e.experimentId === selectedId)) set({ selectedId: null, results: null });
        } catch (error) {
          if (token === listToken) set({ loading: false, error: errorMessage(error) });
        }
      },
      async select(experimentId) {
        set({ selectedId: experimentId, results: null, resultsError: null, actionError: null });
        if (experimentId !== null) await get().loadResults();
      },
      async loadResults() {
        const experimentId = get().selectedId;
        if (experimentId === null) return;
        const token = ++resultsToken;
        try {
          const results = await client.call('experiments.results', { experimentId });
          if (token !== resultsToken || get().selectedId !== experimentId) return;
          set({ results, resultsError: null });
          upsert(results.experiment);
        } catch (error) {
          if (token === resultsToken) set({ resultsError: errorMessage(error) });
        }
      },
      openNew(preset) {
        set({ form: newExperimentForm(preset), fieldErrors: {}, actionError: null });
        void loadOptions();
      },
      closeForm: () => set({ form: null, fieldErrors: {} }),
      setField(field, value) {
        editForm((form) => ({ ...form, [field]: value }), [field === 'otherSlots' ? 'slots' : field]);
      },
      setArmField(index, field, value) {
        const edit = (arm: ArmFormValues): ArmFormValues => (field === 'holdout' && value === true ? holdoutArm(arm) : { ...arm, [field]: value });
        const policy: readonly string[] = ARM_POLICY_FIELDS;
        const cleared = [`arms.${index}.${field}`, 'arms', ...(policy.includes(field) ? [`arms.${index}.policy`] : [])];
        editForm((form) => ({ ...form, arms: form.arms.map((a, i) => (i === index ? edit(a) : a)) }), cleared);
      },
      addArm() {
        editForm((form) => {
          if (form.arms.length >= MAX_ARMS) return form;
          const arms = [...form.arms, emptyArm(t('experiments.form.armDefault', { n: form.arms.length + 1 }), '0')];
          const shares = evenShares(arms.length);
          return { ...form, arms: arms.map((a, i) => ({ ...a, share: shares[i] ?? a.share })) };
        }, ['arms']);
      },
      removeArm(index) {
        editForm((form) => {
          if (form.arms.length <= MIN_ARMS) return form;
          const arms = form.arms.filter((_, i) => i !== index);
          const shares = evenShares(arms.length);
          return { ...form, arms: arms.map((a, i) => ({ ...a, share: shares[i] ?? a.share })) };
        }, ['arms']);
      },
      splitEvenly() {
        editForm((form) => {
          const shares = evenShares(form.arms.length);
          return { ...form, arms: form.arms.map((a, i) => ({ ...a, share: shares[i] ?? a.share })) };
        }, ['arms']);
      },
      async create(start) {
        const { form, creating } = get();
        if (!form || creating) return false;
        const { input, errors } = experimentInputFromForm(form, {
          number: t('experiments.form.error.number'),
          required: t('experiments.form.error.required'),
          shares: (total) => t('experiments.form.error.shares', { total }),
        });
        if (!input) {
          set({ fieldErrors: errors });
          return false;
        }
        set({ creating: true, fieldErrors: {}, actionError: null });
        try {
          const experiment = await client.call('experiments.create', input);
          upsert(experiment);
          set({ form: null, creating: false });
          await get().select(experiment.experimentId);
          // A refused start leaves a draft, with the reason shown beside it.
          if (start) await get().start(experiment.experimentId);
          return true;
        } catch (error) {
          const issues = error instanceof ContractError ? error.issues : [];
          const fieldErrors = fieldErrorsFromIssues(issues);
          set({ creating: false, fieldErrors: issues.length > 0 ? fieldErrors : { _form: errorMessage(error) } });
          return false;
        }
      },
      start: (experimentId) => act('start', () => client.call('experiments.start', { experimentId }), false),
      stop: (experimentId, confirm) => act('stop', () => client.call('experiments.stop', { experimentId, ...(confirm ? { confirm } : {}) }), true),
      promote: (experimentId, armId, confirm) => act('promote', () => client.call('experiments.promote', { experimentId, armId, ...(confirm ? { confirm } : {}) }), true),
    };
  });
}

/**
 * While the Experiments page is shown: the list and the open experiment's results are re-read every few
 * seconds, so a running test (and a guardrail stopping it) shows without a click.
 */
export function startExperimentsRefresh(
  store: ExperimentsStore,
  timers: { setInterval?: (fn: () => void, ms: number) => unknown; clearInterval?: (h: unknown) => void } = {},
): () => void {
  const every = timers.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const stop = timers.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));
  void store.getState().load();
  const handle = every(() => {
    const s = store.getState();
    void s.load({ quiet: true });
    // A stopped experiment's figures only move with late rewards: read them once, not every few seconds.
    if (s.results?.experiment.status !== 'stopped') void s.loadResults();
  }, EXPERIMENTS_REFRESH_MS);
  return () => stop(handle);
}
