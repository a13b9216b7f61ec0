import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Confirmation, Job, RankingPolicyVersion, RewardSpec } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
import { applyServingPolicy, rewardForm, rewardFromForm, sortPolicies, trainWindowDays, type RewardField, type RewardFormValues } from './rankingPolicies';
import { initialRegistryState, versionRegistryActions, type VersionChange, type VersionRegistryState } from './versionRegistry';

/** What ranks now after a change (a policy version, or null for the fusion weights), or a saved reward. */
export type PoliciesAnnouncement = VersionChange | { change: 'rewardSaved'; version: null };

export type PoliciesState = Omit<VersionRegistryState<RankingPolicyVersion>, 'announcement'> & {
  announcement: PoliciesAnnouncement | null;
  /** The reward in force (policies.reward) and its form. */
  reward: RewardSpec | null;
  rewardForm: RewardFormValues | null;
  rewardInvalid: RewardField[];
  rewardSaving: boolean;
  rewardError: string | null;
  /** The training form. */
  trainSlot: string;
  trainWindowDays: string;
  trainInvalid: boolean;
  trainStarting: boolean;
  trainError: string | null;
  load(): Promise<void>;
  loadReward(): Promise<void>;
  setRewardField<K extends keyof RewardFormValues>(field: K, value: RewardFormValues[K]): void;
  resetReward(): void;
  saveReward(): Promise<void>;
  setTrainSlot(slot: string): void;
  setTrainWindowDays(text: string): void;
  /** Starts a training job (with the reward in force); the job, for the job list, or null when refused. */
  train(): Promise<Job | null>;
  /** Guarded (the risk dialog calls them): a refusal for want of a reason is thrown back to the dialog. */
  promote(version: string, confirm?: Confirmation): Promise<void>;
  rollback(confirm?: Confirmation): Promise<void>;
};

export type PoliciesStore = StoreApi<PoliciesState>;

export const ROLLBACK_POLICY = 'rollback';

/** Learned ranking policies: the reward they learn, training them, and their versions to promote or roll back. */
export function createPoliciesStore(client: ApiClient): PoliciesStore {
  return createStore<PoliciesState>()((set, get) => {
    const registry = versionRegistryActions<RankingPolicyVersion>(set, get, { list: () => client.call('policies.list', {}), sort: sortPolicies, applyServing: applyServingPolicy });
    return {
      ...initialRegistryState<RankingPolicyVersion>(),
      load: registry.load,
      reward: null,
      rewardForm: null,
      rewardInvalid: [],
      rewardSaving: false,
      rewardError: null,
      trainSlot: 'home',
      trainWindowDays: '',
      trainInvalid: false,
      trainStarting: false,
      trainError: null,
      async loadReward() {
        try {
          const reward = await client.call('policies.reward', {});
          // Keep what is being typed; fill the form only when it is untouched.
          set((s) => ({ reward, rewardForm: s.rewardForm ?? rewardForm(reward), rewardError: null }));
        } catch (error) {
          set({ rewardError: errorMessage(error) });
        }
      },
      setRewardField(field, value) {
        const form = get().rewardForm;
        if (!form) return;
        set({ rewardForm: { ...form, [field]: value }, rewardInvalid: get().rewardInvalid.filter((f) => f !== field), rewardError: null });
      },
      resetReward() {
        const reward = get().reward;
        if (reward) set({ rewardForm: rewardForm(reward), rewardInvalid: [], rewardError: null });
      },
      async saveReward() {
        const form = get().rewardForm;
        if (!form || get().rewardSaving) return;
        const { reward, invalid } = rewardFromForm(form);
        if (!reward) {
          set({ rewardInvalid: invalid });
          return;
        }
        set({ rewardSaving: true, rewardInvalid: [], rewardError: null });
        try {
          const saved = await client.call('policies.configureReward', { reward, note: form.note.trim() });
          set({ reward: saved, rewardForm: rewardForm(saved), rewardSaving: false, announcement: { change: 'rewardSaved', version: null } });
        } catch (error) {
          set({ rewardSaving: false, rewardError: errorMessage(error) });
        }
      },
      setTrainSlot: (trainSlot) => set({ trainSlot, trainError: null }),
      setTrainWindowDays: (trainWindowDaysText) => set({ trainWindowDays: trainWindowDaysText, trainInvalid: false }),
      async train() {
        if (get().trainStarting) return null;
        const days = trainWindowDays(get().trainWindowDays);
        if (!days.ok) {
          set({ trainInvalid: true, trainError: null });
          return null;
        }
        set({ trainStarting: true, trainInvalid: false, trainError: null });
        try {
          const job = await client.call('policies.train', { slot: get().trainSlot, ...(days.windowDays !== undefined ? { windowDays: days.windowDays } : {}) });
          set({ trainStarting: false });
          return job;
        } catch (error) {
          set({ trainStarting: false, trainError: errorMessage(error) });
          return null;
        }
      },
      promote: (version, confirm) => registry.change(version, () => client.call('policies.promote', { version, ...(confirm ? { confirm } : {}) }), 'promoted'),
      rollback: (confirm) => registry.change(ROLLBACK_POLICY, () => client.call('policies.rollback', confirm ? { confirm } : {}), 'rolledBack'),
    };
  });
}
