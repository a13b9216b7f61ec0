import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineInfo } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import type { ConnectionState } from '../transport/transportTypes';
import { errorMessage } from './errorMessage';

export interface EngineState {
  transport: ApiClient['kind'];
  info: EngineInfo | null;
  error: string | null;
  connection: ConnectionState;
  loadInfo(): Promise<void>;
}

export type EngineStore = StoreApi<EngineState>;

/** What the header shows: which engine answers, over which transport, and whether pushes are flowing. */
export function createEngineStore(client: ApiClient): EngineStore {
  return createStore<EngineState>()((set) => ({
    transport: client.kind,
    info: null,
    error: null,
    connection: client.connection(),
    async loadInfo() {
      try {
        set({ info: await client.call('engine.info', {}), error: null });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
  }));
}

export function connectEngineStore(store: EngineStore, client: ApiClient): () => void {
  return client.onConnection((connection) => {
    store.setState({ connection });
    // An engine restart changes startedAt (and maybe the version): refresh once pushes flow again.
    if (connection === 'online') void store.getState().loadInfo();
  });
}
