import type { AttributionSettings, StoredEvent } from '../../../../shared/contract';
import type { ServedList } from '../../ranking';
import type { StoredEventObserver } from '../../store';
import { matchExplicit, matchWindow, type Match, type RewardEvent } from './attribute-reward';
import { CLOCK_SKEW_MS, isRewardType, LATE_AFTER_MS, windowMs } from './attribution-windows';
import { recordReward, type RewardType } from './list-outcome';
import type { RecentLists } from './recent-lists';
import type { RewardLog, RewardRow } from './reward-log';
import { boundedValue } from './reward-value';

export interface AttributionDeps {
  readonly lists: RecentLists;
  readonly rewards: RewardLog;
  readonly settings: () => AttributionSettings;
  /** The catalogue price, for a purchase event that carries none. */
  readonly priceOf: (itemId: string) => number | undefined;
  /**
   * The latest event time stored for the shopper, this event's included (the store's sessions know
   * it): a reward earlier than that came out of order.
   */
  readonly latestTs: (shopperId: string) => number | undefined;
  /** Committed rewards, in order, with the list each was attributed to (the roll-ups fold them in). */
  readonly onRewards: (rewards: readonly { reward: RewardRow; list: ServedList | undefined }[], duplicates: number) => void;
}

/**
 * Joins every click, cart add and purchase to the list that caused it, inside the event's own
 * insert transaction (a stored event and its reward commit together): by the list the client named,
 * else by the latest list of the shopper within the window that contained the item. What it cannot
 * join is stored as unmatched with the reason. Roll-ups hear of rewards only after commit.
 */
export class AttributionService implements StoredEventObserver {
  private pending: { reward: RewardRow; list: ServedList | undefined }[] = [];
  private pendingDuplicates = 0;
  private readonly touched = new Set<string>();

  constructor(private readonly deps: AttributionDeps) {}

  stored(event: StoredEvent, receivedAt: number, history: boolean): void {
    // Most events are views: they cost attribution this one test.
    if (event.itemId === null || !isRewardType(event.type)) return;
    const type = event.type;
    const outOfOrder = event.ts < (this.deps.latestTs(event.shopperId) ?? event.ts);
    const match = this.match(event as RewardEvent);
    const quantity = event.quantity ?? 1;
    // Bounded: a price stored before the contract's ceiling (event or catalogue) could make it Infinity.
    const value = type === 'purchase' ? boundedValue((event.price ?? this.deps.priceOf(event.itemId) ?? 0) * quantity) : 0;
    // Loaded history is counted apart: last month's export is not a late event.
    const late = !history && receivedAt - event.ts > LATE_AFTER_MS;
    let row: RewardRow;
    if (match.kind === 'unmatched') {
      row = { seq: event.seq, impressionId: null, itemId: event.itemId, position: event.position, type, value, quantity, kind: 'unmatched', reason: match.reason, ts: event.ts, late, outOfOrder, history, firstForItem: false, firstForList: false, listValueBefore: 0 };
    } else {
      const novelty = recordReward(this.deps.lists.outcome(match.list), type, event.itemId, value);
      this.touched.add(match.list.impressionId);
      row = {
        seq: event.seq,
        impressionId: match.list.impressionId,
        itemId: event.itemId,
        position: match.position,
        type,
        value,
        quantity,
        kind: match.kind,
        reason: null,
        ts: event.ts,
        late,
        outOfOrder,
        history,
        firstForItem: novelty.firstForItem,
        firstForList: novelty.firstForList,
        listValueBefore: novelty.listValueBefore,
      };
    }
    this.deps.rewards.write(row);
    this.pending.push({ reward: row, list: match.kind === 'unmatched' ? undefined : match.list });
  }

  duplicate(): void {
    this.pendingDuplicates++;
  }

  settled(committed: boolean): void {
    if (committed) {
      if (this.pending.length > 0 || this.pendingDuplicates > 0) this.deps.onRewards(this.pending, this.pendingDuplicates);
    } else {
      this.deps.lists.forgetOutcomes(this.touched);
    }
    this.pending = [];
    this.pendingDuplicates = 0;
    this.touched.clear();
  }

  private match(event: RewardEvent): Match {
    if (event.impressionId !== null) return matchExplicit(event, this.deps.lists.get(event.impressionId));
    const window = windowMs(event.type, this.deps.settings());
    return matchWindow(event, this.deps.lists.forShopper(event.shopperId, event.ts - window, event.ts + CLOCK_SKEW_MS), window);
  }
}
