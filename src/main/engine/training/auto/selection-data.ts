import type { TokenEvents } from '../data/session-events';
import type { ItemAttributeTable } from '../model/item-attributes';
import type { TextTable } from '../model/item-vectors';

/** One held-out target the choice is made on (never a test target). */
export interface SelectionCase {
  history: Int32Array;
  target: number;
  /** The history's event types and gaps, for candidates that read them. */
  events?: TokenEvents;
}

/**
 * What an automatic selection trains candidates on and judges them by: the evaluation's
 * validation fold (its training sequences and its validation targets), or, in a fine-tune job,
 * the training shoppers' sequences without their last item and those last items.
 */
export interface SelectionData {
  sequences: readonly Int32Array[];
  events?: readonly TokenEvents[];
  numItems: number;
  text: TextTable | null;
  attributes: ItemAttributeTable | null;
  cases: readonly SelectionCase[];
}
