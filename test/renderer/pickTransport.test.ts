import { describe, expect, it } from 'vitest';
import { pickTransport } from '../../src/renderer/src/transport/pickTransport';
import type { InstinctBridge } from '../../src/renderer/src/transport/contract';
import type { SocketLike } from '../../src/renderer/src/transport/topicSocket';

const noSocket = (): SocketLike => ({ onopen: null, onclose: null, onerror: null, onmessage: null, close() {} });
const noFetch = async (): Promise<Response> => new Response('{}');

describe('pickTransport', () => {
  it('uses IPC when the preload bridge is present', async () => {
    const invoked: string[] = [];
    const bridge: InstinctBridge = {
      transport: 'ipc',
      invoke: async (method) => {
        invoked.push(method);
        return { ok: true, result: null };
      },
      subscribe: () => () => undefined,
    };
    const transport = pickTransport({ bridge, origin: 'http://h', fetch: noFetch, openSocket: noSocket });
    expect(transport.kind).toBe('ipc');
    expect(transport.connection).toBe('online');
    await transport.invoke('engine.info', {});
    expect(invoked).toEqual(['engine.info']);
  });

  it('falls back to HTTP without a bridge, or with something that is not one', () => {
    const opened: string[] = [];
    const openSocket = (url: string): SocketLike => {
      opened.push(url);
      return noSocket();
    };
    for (const bridge of [undefined, null, { invoke: 'nope' }]) {
      const transport = pickTransport({ bridge, origin: 'http://h:1', fetch: noFetch, openSocket });
      expect(transport.kind).toBe('http');
      transport.close();
    }
    expect(opened).toEqual(['ws://h:1/ws', 'ws://h:1/ws', 'ws://h:1/ws']);
  });
});
