import { ContractError } from '../transport/contract';

/** What a store keeps of a failure: a sentence for the user. The ContractError code is already in the engine's message. */
export function errorMessage(error: unknown): string {
  if (error instanceof ContractError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
