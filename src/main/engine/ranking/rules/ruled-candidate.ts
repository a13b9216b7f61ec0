import type { FiredRule } from '../../../../shared/contract/recommendations';
import type { FusedCandidate } from '../scoring/candidate';

/** A fused candidate after the rules: the rules that fired on it and its final score. */
export interface RuledCandidate extends FusedCandidate {
  readonly rules: FiredRule[];
  /** fused + the effects of `rules`, added in that order. */
  readonly score: number;
}

/** A candidate a filter rule removed, with the rules that removed it (for the console's "why not shown"). */
export interface RemovedCandidate {
  readonly itemId: string;
  readonly rules: FiredRule[];
}
