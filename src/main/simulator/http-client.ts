import { ContractError, HTTP, methods, RpcEnvelope, type MethodName, type MethodOutput } from '../../shared/contract';
import type { ContractClient } from './contract-client';

export interface HttpClientOptions {
  /** The engine's base URL, e.g. `http://127.0.0.1:43127` (what `npm run demo` prints as API without the path). */
  readonly url: string;
  /** The session token printed by the server. */
  readonly token: string;
  /** Per-call limit (default 30 s). */
  readonly timeoutMs?: number;
  /** Injectable for tests; the global fetch by default. */
  readonly fetch?: typeof fetch;
}

/**
 * A client of a running engine over HTTP: `POST /rpc/<method>` with the Bearer token. Error
 * envelopes become ContractErrors; results are parsed with the method's output schema, so callers
 * get the same typed values as in-process.
 */
export function httpClient(options: HttpClientOptions): ContractClient {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    async call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
      const res = await doFetch(`${base}${HTTP.rpcPrefix}${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` },
        body: JSON.stringify(input ?? {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new ContractError('internal', `${method}: HTTP ${res.status} with a body that is not JSON`);
      }
      const envelope = RpcEnvelope.safeParse(body);
      if (!envelope.success) throw new ContractError('internal', `${method}: HTTP ${res.status} with a reply outside the contract`);
      if (!envelope.data.ok) throw ContractError.fromBody(envelope.data);
      const result = methods[method].output.safeParse(envelope.data.result);
      if (!result.success) throw new ContractError('internal', `${method}: result outside the contract: ${result.error.issues[0]?.message ?? ''}`);
      return result.data as MethodOutput<M>;
    },
  };
}
