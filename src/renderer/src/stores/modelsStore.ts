import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Confirmation, IntentModelVersion } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { applyServing, sortVersions } from './modelVersions';
import { initialRegistryState, versionRegistryActions, type VersionChange, type VersionRegistryState } from './versionRegistry';

export type ModelsAnnouncement = VersionChange;

export type ModelsState = VersionRegistryState<IntentModelVersion> & {
  load(): Promise<void>;
  /** Guarded (the risk dialog calls them): a refusal for want of a reason is thrown back to the dialog. */
  promote(version: string, confirm?: Confirmation): Promise<void>;
  rollback(confirm?: Confirmation): Promise<void>;
};

export type ModelsStore = StoreApi<ModelsState>;

export const ROLLBACK = 'rollback';

export function createModelsStore(client: ApiClient): ModelsStore {
  return createStore<ModelsState>()((set, get) => {
    const registry = versionRegistryActions<IntentModelVersion>(set, get, { list: () => client.call('models.list', {}), sort: sortVersions, applyServing });
    return {
      ...initialRegistryState<IntentModelVersion>(),
      load: registry.load,
      promote: (version, confirm) => registry.change(version, () => client.call('models.promote', { version, ...(confirm ? { confirm } : {}) }), 'promoted'),
      rollback: (confirm) => registry.change(ROLLBACK, () => client.call('models.rollback', confirm ? { confirm } : {}), 'rolledBack'),
    };
  });
}
