/**
 * Per-shopper export and erasure (docs/PRIVACY.md). The store rows go in short transactions; then
 * what memory holds about the shopper (live session state, attribution's recent lists, the open
 * session) is dropped, and the behaviour signals (co-visitation, popularity, trending) are rebuilt
 * from the remaining events, beside the serving ones and in chunks, then swapped in.
 */
import type { Database } from 'better-sqlite3';
import type { ErasureResult, ShopperExport, ShopperFootprint } from '../../../shared/contract';
import { ContractError } from '../../../shared/contract';
import type { RecentEvent } from '../sessions/live-sessions';
import type { AuditLog } from '../store';
import { nextTurn } from '../workers/time-slices';
import { eraseStoredRows, storedFootprint } from './shopper-erasure';
import { shopperHash } from './shopper-hash';
import { eventsOf, impressionIdsOf, impressionsOf, rewardSeqsOf, rewardsOf, sessionIdsOf, sessionsOf } from './shopper-rows';

export interface PrivacyDeps {
  readonly db: Database;
  readonly audit: AuditLog;
  /** The live session state: what it holds for a shopper, and dropping it. */
  readonly live: { holds(shopperId: string): boolean; recent(shopperId: string): readonly RecentEvent[]; forget(shopperId: string): boolean };
  /** Drops everything else memory keys by the shopper (attribution's lists, the open session). */
  readonly forgetInMemory: (shopperId: string) => void;
  /** Writes pending roll-ups first, so they keep the erased shopper's anonymous counts. */
  readonly flushRollups: () => void;
  /** Rebuilds co-visitation, popularity and trending from the stored events; resolves with the events replayed. */
  readonly rebuildBehaviour: () => Promise<number>;
  readonly pause?: () => Promise<void>;
}

const NOTES = [
  'Metric roll-ups, position curves, attribution counts and search analytics are anonymous counts by hour; they are kept after an erasure.',
  'Co-visitation, popularity and trending are rebuilt without your events after an erasure.',
  'Trained models (intent model, purchase-intent model, ranking policies) learnt from many shoppers at once; they are not retrained.',
];

export class PrivacyService {
  private readonly erasing = new Set<string>();

  constructor(private readonly deps: PrivacyDeps) {}

  export(shopperId: string, now = Date.now()): ShopperExport {
    const { db } = this.deps;
    const sessionIds = sessionIdsOf(db, shopperId);
    const impressionIds = impressionIdsOf(db, shopperId, sessionIds);
    const impressions = impressionsOf(db, impressionIds);
    const arms = new Map<string, { experimentId: string; armId: string; lists: number }>();
    for (const i of impressions) {
      if (i.experimentId === null || i.armId === null) continue;
      const key = `${i.experimentId}\u0000${i.armId}`;
      const arm = arms.get(key) ?? { experimentId: i.experimentId, armId: i.armId, lists: 0 };
      arm.lists++;
      arms.set(key, arm);
    }
    return {
      shopperId,
      exportedAt: now,
      sessions: sessionsOf(db, shopperId),
      events: eventsOf(db, sessionIds),
      impressions,
      rewards: rewardsOf(db, rewardSeqsOf(db, sessionIds, impressionIds)),
      experimentArms: [...arms.values()],
      liveState: { recentEvents: this.deps.live.holds(shopperId) ? this.deps.live.recent(shopperId).map((e) => ({ ...e })) : [] },
      notes: NOTES,
    };
  }

  footprint(shopperId: string): ShopperFootprint {
    return { shopperId, ...storedFootprint(this.deps.db, shopperId), live: this.deps.live.holds(shopperId) };
  }

  /** Deletes the shopper; the audit entry names them by hash only. */
  async erase(shopperId: string, actor: string, reason: string): Promise<ErasureResult> {
    if (this.erasing.has(shopperId)) throw new ContractError('conflict', 'this shopper is already being erased');
    this.erasing.add(shopperId);
    const t0 = performance.now();
    try {
      this.deps.flushRollups();
      const live = this.deps.live.forget(shopperId);
      const stored = await eraseStoredRows(this.deps.db, shopperId, this.deps.pause ?? nextTurn);
      // Again after the deletes: a request during them may have reloaded the shopper's state.
      this.deps.live.forget(shopperId);
      this.deps.forgetInMemory(shopperId);
      const behaviourEventsReplayed = stored.events > 0 ? await this.deps.rebuildBehaviour() : 0;
      const hash = shopperHash(shopperId);
      const erased = { ...stored, live };
      this.deps.audit.record(actor, 'shoppers.erase', `shopper:${hash}`, { reason, erased, behaviourEventsReplayed });
      return { shopperHash: hash, erased, behaviourEventsReplayed, ms: performance.now() - t0 };
    } finally {
      this.erasing.delete(shopperId);
    }
  }
}
