import type { RankedItem } from '../../../../shared/contract/recommendations';

/** A logged list as the loop needs it: who saw what where, and which policy, experiment arm and rules served it. */
export interface ServedList {
  /** The impressions table's rowid: the order lists were logged in (roll-up watermarks use it). */
  readonly rowid: number;
  readonly impressionId: string;
  readonly createdAt: number;
  readonly slot: string;
  readonly shopperId: string | null;
  readonly sessionId: string | null;
  readonly query: string | null;
  readonly weightsVersion: number;
  readonly modelVersion: string;
  /** What ranked it: 'weights' or a learned policy version. */
  readonly policy: string;
  readonly experiment: { readonly experimentId: string; readonly armId: string } | null;
  readonly explored: boolean;
  readonly items: readonly ServedItem[];
}

export interface ServedItem {
  readonly itemId: string;
  readonly position: number;
  readonly propensity: number;
  /** The rules that fired on this item. */
  readonly ruleIds: readonly string[];
}

/** Shared by every item that fired no rule (recent lists are kept in memory by the thousand). */
export const NO_RULES: readonly string[] = Object.freeze([]);

export function servedItems(items: readonly Pick<RankedItem, 'itemId' | 'position' | 'propensity' | 'rules'>[]): ServedItem[] {
  return items.map((i) => ({ itemId: i.itemId, position: i.position, propensity: i.propensity, ruleIds: i.rules.length === 0 ? NO_RULES : i.rules.map((r) => r.ruleId) }));
}
