import type { MethodName, RpcEnvelope, StoredEvent, TopicName } from '../../src/renderer/src/transport/contract';
import { ContractError } from '../../src/renderer/src/transport/contract';
import { createApiClient, type ApiClient } from '../../src/renderer/src/transport/apiClient';
import type { ConnectionState, Transport } from '../../src/renderer/src/transport/transportTypes';

type Handler = (input: unknown) => unknown | Promise<unknown>;

/** An in-memory transport: method handlers answer, `push` plays a topic message, `setConnection` flips the state. */
export interface FakeTransport extends Transport {
  calls: Array<{ method: MethodName; input: unknown }>;
  push(topic: TopicName, payload: unknown): void;
  setConnection(state: ConnectionState): void;
}

export function fakeTransport(handlers: Partial<Record<MethodName, Handler>> = {}): FakeTransport {
  const listeners = new Map<TopicName, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let connection: ConnectionState = 'online';
  const calls: FakeTransport['calls'] = [];
  return {
    kind: 'http',
    calls,
    get connection() {
      return connection;
    },
    async invoke(method, input): Promise<RpcEnvelope> {
      calls.push({ method, input });
      const handler = handlers[method];
      if (!handler) return { ok: false, error: { code: 'not_found', message: `no fake for ${method}` } };
      try {
        return { ok: true, result: await handler(input) };
      } catch (error) {
        if (error instanceof ContractError) return { ok: false, ...error.toBody() };
        throw error;
      }
    },
    subscribe(topic, listener) {
      const set = listeners.get(topic) ?? new Set();
      listeners.set(topic, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {},
    push(topic, payload) {
      for (const listener of listeners.get(topic) ?? []) listener(payload);
    },
    setConnection(state) {
      connection = state;
      for (const listener of connectionListeners) listener(state);
    },
  };
}

export function fakeClient(handlers: Partial<Record<MethodName, Handler>> = {}): { client: ApiClient; transport: FakeTransport } {
  const transport = fakeTransport(handlers);
  return { client: createApiClient(transport, () => undefined), transport };
}

let nextSeq = 1;

/** A valid stored event; seq increases with each call so "newest" is well defined. */
export function storedEvent(overrides: Partial<StoredEvent> = {}): StoredEvent {
  const seq = overrides.seq ?? nextSeq++;
  return {
    id: `e${seq}`,
    seq,
    type: 'view',
    shopperId: 'shopper-1',
    sessionId: 'session-1',
    itemId: 'item-1',
    query: null,
    price: 9.5,
    quantity: null,
    ts: 1_700_000_000_000 + seq * 1000,
    context: null,
    impressionId: null,
    position: null,
    ...overrides,
  };
}

export const emptyStats = {
  items: 0,
  events: 0,
  sessions: 0,
  activeSessions: 0,
  shoppers: 0,
  eventsByType: {},
  lastEventTs: null,
  schemaVersion: 1,
};
