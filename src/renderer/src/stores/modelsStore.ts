import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Confirmation, IntentModelVersion } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
import { isConfirmationRequired } from './guardStore';
import { applyServing, sortVersions } from './modelVersions';

export interface ModelsAnnouncement {
  change: 'promoted' | 'rolledBack';
  /** What serves now; null when the learned model was rolled back to none. */
  version: string | null;
}

export interface ModelsState {
  versions: IntentModelVersion[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  /** The version being promoted, or 'rollback'; one change at a time. */
  pending: string | null;
  actionError: string | null;
  announcement: ModelsAnnouncement | null;
  load(): Promise<void>;
  /** Guarded (the risk dialog calls them): a refusal for want of a reason is thrown back to the dialog. */
  promote(version: string, confirm?: Confirmation): Promise<void>;
  rollback(confirm?: Confirmation): Promise<void>;
}

export type ModelsStore = StoreApi<ModelsState>;

export const ROLLBACK = 'rollback';

export function createModelsStore(client: ApiClient): ModelsStore {
  return createStore<ModelsState>()((set, get) => {
    // Only the latest list request may write: an older reply must not undo a promote answered since.
    let loadSeq = 0;
    /** A promote or roll back: apply the answer at once, then re-read the registry for the statuses the engine set. */
    async function change(pending: string, run: () => Promise<{ serving: IntentModelVersion | null }>, kind: ModelsAnnouncement['change']): Promise<void> {
      if (get().pending !== null) return;
      set({ pending, actionError: null });
      try {
        const { serving } = await run();
        loadSeq++; // a list request already in flight left before this change
        set((s) => ({ versions: applyServing(s.versions, serving), pending: null, loading: false, announcement: { change: kind, version: serving?.version ?? null } }));
        void get().load();
      } catch (error) {
        set({ pending: null, actionError: isConfirmationRequired(error) ? null : errorMessage(error) });
        if (isConfirmationRequired(error)) throw error;
      }
    }
    return {
      versions: [],
      loaded: false,
      loading: false,
      error: null,
      pending: null,
      actionError: null,
      announcement: null,
      async load() {
        const seq = ++loadSeq;
        set({ loading: true, error: null });
        try {
          const versions = await client.call('models.list', {});
          if (seq === loadSeq) set({ versions: sortVersions(versions), loaded: true, loading: false });
        } catch (error) {
          if (seq === loadSeq) set({ loading: false, error: errorMessage(error) });
        }
      },
      promote: (version, confirm) => change(version, () => client.call('models.promote', { version, ...(confirm ? { confirm } : {}) }), 'promoted'),
      rollback: (confirm) => change(ROLLBACK, () => client.call('models.rollback', confirm ? { confirm } : {}), 'rolledBack'),
    };
  });
}
