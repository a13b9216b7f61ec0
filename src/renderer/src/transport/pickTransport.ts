import { createHttpTransport } from './httpTransport';
import { createIpcTransport, isInstinctBridge } from './ipcTransport';
import type { SocketLike } from './topicSocket';
import type { Transport } from './transportTypes';

/** The globals the choice depends on, passed in so the decision is testable without a browser. */
export interface TransportEnvironment {
  bridge: unknown;
  origin: string;
  fetch: typeof fetch;
  openSocket: (url: string) => SocketLike;
}

/** The one place that decides IPC or HTTP: the Electron preload's bridge wins when present. */
export function pickTransport(env: TransportEnvironment): Transport {
  if (isInstinctBridge(env.bridge)) return createIpcTransport(env.bridge);
  return createHttpTransport({ origin: env.origin, fetch: (url, init) => env.fetch(url, init), openSocket: env.openSocket });
}

/** Reads the real browser globals; only the app entry calls this. */
export function browserEnvironment(): TransportEnvironment {
  return {
    bridge: (globalThis as { instinct?: unknown }).instinct,
    origin: window.location.origin,
    fetch: window.fetch.bind(window),
    // The DOM WebSocket's handler signatures are narrower than SocketLike's; the adapter only assigns handlers.
    openSocket: (url) => new WebSocket(url) as unknown as SocketLike,
  };
}
