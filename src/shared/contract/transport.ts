import { z } from 'zod';
import { ErrorBody } from './errors';
import type { MethodName } from './methods';
import type { TopicName } from './topics';

/** How every reply travels, over IPC and HTTP alike: a result or a structured error. */
export const RpcEnvelope = z.union([z.object({ ok: z.literal(true), result: z.unknown() }), ErrorBody.extend({ ok: z.literal(false) })]);
export type RpcEnvelope = z.infer<typeof RpcEnvelope>;

/** A push message on the WebSocket (and the IPC event channel). */
export const TopicMessage = z.object({ topic: z.string(), payload: z.unknown() });
export type TopicMessage = z.infer<typeof TopicMessage>;

/** HTTP layout of the contract. Every request needs the session token (Bearer header or the cookie set by `/?token=`). */
export const HTTP = {
  rpcPrefix: '/rpc/',
  websocket: '/ws',
  tokenCookie: 'instinct_token',
  tokenQuery: 'token',
  maxBodyBytes: 40 * 1024 * 1024,
} as const;

/** IPC channel names used by the preload and the main-process binding. */
export const IPC = { invoke: 'instinct:invoke', topic: 'instinct:topic' } as const;

/** What the preload exposes on `window.instinct` (and nothing else). */
export interface InstinctBridge {
  readonly transport: 'ipc';
  invoke(method: MethodName, input: unknown): Promise<RpcEnvelope>;
  subscribe(topic: TopicName, listener: (payload: unknown) => void): () => void;
}
