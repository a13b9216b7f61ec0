import { ContractError, HTTP, RpcEnvelope, type MethodName } from './contract';
import { TopicSocket, type SocketLike } from './topicSocket';
import type { Transport } from './transportTypes';

/** Tells the server the request comes from the console page (it is part of the server's CSRF guard). */
export const CLIENT_HEADER = { name: 'X-Instinct-Client', value: 'console' } as const;

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpTransportOptions {
  /** Page origin such as `http://127.0.0.1:4100`; requests stay same-origin so the auth cookie rides along. */
  origin: string;
  fetch: FetchLike;
  openSocket: (url: string) => SocketLike;
}

export function websocketUrl(origin: string): string {
  const url = new URL(HTTP.websocket, origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** POSTs one request and returns its envelope; 4xx/5xx replies carry an envelope too, so the status is not the verdict. */
export async function postRpc(fetchFn: FetchLike, origin: string, method: MethodName, input: unknown): Promise<RpcEnvelope> {
  let response: Response;
  try {
    response = await fetchFn(new URL(`${HTTP.rpcPrefix}${method}`, origin).toString(), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', [CLIENT_HEADER.name]: CLIENT_HEADER.value },
      body: JSON.stringify(input ?? {}),
    });
  } catch (error) {
    throw new ContractError('internal', `engine unreachable: ${error instanceof Error ? error.message : String(error)}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ContractError(response.status === 401 ? 'unauthorized' : 'internal', `HTTP ${response.status} without a contract reply`);
  }
  const envelope = RpcEnvelope.safeParse(body);
  if (!envelope.success) throw new ContractError('internal', `HTTP ${response.status}: reply is not a contract envelope`);
  return envelope.data;
}

/** Browser mode: requests over HTTP, pushes over one reconnecting WebSocket. */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const socket = new TopicSocket({ url: websocketUrl(options.origin), openSocket: options.openSocket });
  return {
    kind: 'http',
    get connection() {
      return socket.connection;
    },
    invoke: (method, input) => postRpc(options.fetch, options.origin, method, input),
    subscribe: (topic, listener) => socket.subscribe(topic, listener),
    onConnection: (listener) => socket.onConnection(listener),
    close: () => socket.close(),
  };
}
