import type { MethodName, MethodOutput, MethodParsedInput } from '../../../shared/contract';
import type { Principal } from '../users/principal';

/** Where a request came from; handlers may use it for the audit log. */
export interface CallContext {
  transport: 'ipc' | 'http' | 'direct';
  /**
   * Who is calling. The HTTP server always sets it (from the request's token); IPC and in-process
   * callers (the desktop app, the local CLI) leave it out and act as the owner, an admin.
   */
  principal?: Principal;
  /**
   * `import.text` over HTTP with a large body: its `content`, checked against the contract and
   * encoded as UTF-8 on a worker thread (the engine's thread never holds it as a string); the
   * input's `content` is then empty.
   */
  importContent?: { bytes: Uint8Array; chars: number };
}

export type Handler<M extends MethodName> = (input: MethodParsedInput<M>, ctx: CallContext) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** One capability's methods. The dispatcher merges the maps and refuses duplicates. */
export type HandlerMap = { [M in MethodName]?: Handler<M> };
