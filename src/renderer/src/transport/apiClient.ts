import type { z } from 'zod';
import {
  ContractError,
  issuePath,
  methods,
  topics,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type TopicName,
  type TopicPayload,
} from './contract';
import type { ConnectionState, Transport } from './transportTypes';

/** What the stores see: typed requests, typed pushes, and the connection state. Stores depend on this, never on a transport. */
export interface ApiClient {
  readonly kind: Transport['kind'];
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe<T extends TopicName>(topic: T, listener: (payload: TopicPayload<T>) => void): () => void;
  connection(): ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

function mismatch(what: string, error: z.ZodError): ContractError {
  const issues = error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
  return new ContractError('internal', `${what} does not match the contract`, issues);
}

/**
 * Wraps a transport with the contract: every reply is checked against the method's output schema, so a
 * drifting engine surfaces as a clear error here rather than as a blank table somewhere else.
 */
export function createApiClient(transport: Transport, warn: (message: string) => void = (m) => console.warn(m)): ApiClient {
  return {
    kind: transport.kind,
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const envelope = await transport.invoke(method, input);
      if (!envelope.ok) throw ContractError.fromBody(envelope);
      // Indexing the table with a generic key widens to the union of schemas; the table guarantees the pairing.
      const schema = methods[method].output as unknown as z.ZodType<MethodOutput<M>>;
      const parsed = schema.safeParse(envelope.result);
      if (!parsed.success) throw mismatch(`reply to ${method}`, parsed.error);
      return parsed.data;
    },
    subscribe<T extends TopicName>(topic: T, listener: (payload: TopicPayload<T>) => void): () => void {
      const schema = topics[topic] as unknown as z.ZodType<TopicPayload<T>>;
      return transport.subscribe(topic, (payload) => {
        const parsed = schema.safeParse(payload);
        // A bad push is dropped, not thrown: one malformed message must not stop the live feed.
        if (parsed.success) listener(parsed.data);
        else warn(`dropped ${topic} push: ${mismatch(topic, parsed.error).issues[0]?.message ?? 'invalid'}`);
      });
    },
    connection: () => transport.connection,
    onConnection: (listener) => transport.onConnection(listener),
  };
}
