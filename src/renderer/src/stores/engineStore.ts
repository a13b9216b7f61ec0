import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineInfo, WhoAmI } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import type { ConnectionState } from '../transport/transportTypes';
import { errorMessage } from './errorMessage';

export interface EngineState {
  transport: ApiClient['kind'];
  info: EngineInfo | null;
  /** Who this console is on the engine, with which role (session.whoami); null until it answers. */
  me: WhoAmI | null;
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
    me: null,
    error: null,
    connection: client.connection(),
    async loadInfo() {
      // The role decides which controls are enabled (app/useCan.ts); the engine enforces it anyway.
      const me = client.call('session.whoami', {}).then(
        (who) => set({ me: who }),
        () => undefined,
      );
      try {
        set({ info: await client.call('engine.info', {}), error: null });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
      await me;
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
