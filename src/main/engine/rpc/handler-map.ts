import type { MethodName, MethodOutput, MethodParsedInput } from '../../../shared/contract';

/** Where a request came from; handlers may use it for the audit log. */
export interface CallContext {
  transport: 'ipc' | 'http' | 'direct';
}

export type Handler<M extends MethodName> = (input: MethodParsedInput<M>, ctx: CallContext) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** One capability's methods. The dispatcher merges the maps and refuses duplicates. */
export type HandlerMap = { [M in MethodName]?: Handler<M> };
