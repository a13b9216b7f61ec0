/** The result schema is part of the contract (the console reads it); re-exported for the eval code. */
export { EvaluationResult } from '../../../../shared/contract/evaluation';
