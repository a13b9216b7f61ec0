import type { MethodName, RpcEnvelope, TopicName } from './contract';

/** Whether pushes can reach us right now; shown in the header and used to resync after a gap. */
export type ConnectionState = 'connecting' | 'online' | 'offline';

/**
 * The untyped wire underneath the typed client: IPC in Electron, HTTP + WebSocket in a browser.
 * Both deliver the same envelope, so the client validates both the same way.
 */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  invoke(method: MethodName, input: unknown): Promise<RpcEnvelope>;
  subscribe(topic: TopicName, listener: (payload: unknown) => void): () => void;
  readonly connection: ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}
