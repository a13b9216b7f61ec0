import type { InstinctBridge } from './contract';
import type { Transport } from './transportTypes';

/** True when the preload exposed the contract bridge; checked by shape because the renderer cannot trust globals blindly. */
export function isInstinctBridge(value: unknown): value is InstinctBridge {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof InstinctBridge, unknown>>;
  return typeof candidate.invoke === 'function' && typeof candidate.subscribe === 'function';
}

/** Electron mode: the preload already speaks the envelope, and IPC cannot drop while the window lives. */
export function createIpcTransport(bridge: InstinctBridge): Transport {
  return {
    kind: 'ipc',
    connection: 'online',
    invoke: (method, input) => bridge.invoke(method, input),
    subscribe: (topic, listener) => bridge.subscribe(topic, listener),
    onConnection: () => () => undefined,
    close: () => undefined,
  };
}
