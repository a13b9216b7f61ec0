import type { MethodName, MethodOutput } from '../../shared/contract';
import type { ContractClient } from './contract-client';

/** What the in-process client needs of the engine's validating dispatcher (`engine.dispatcher`). */
export interface ContractDispatcher {
  call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>>;
}

/** A client in the engine's own process: every call is validated against the contract both ways, with no transport. */
export function dispatcherClient(dispatcher: ContractDispatcher): ContractClient {
  return { call: (method, input) => dispatcher.call(method, input) };
}
