import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';

/**
 * The only way the simulator reaches the engine: one typed call per contract method, the same
 * calls any console or integration makes. Failures are thrown (a ContractError when the engine
 * answered with one).
 */
export interface ContractClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}
