import { ContractError, type SessionInspection, type StoredEvent } from '../../../shared/contract';
import type { FusionWeightStore } from '../ranking';
import type { ItemCache } from '../recommend/item-cache';
import type { RecommendService } from '../recommend/recommend-service';
import type { RecentEvent } from '../sessions/live-sessions';
import type { EventRepository, StatsRepository } from '../store';
import { summariseIntent } from './intent-summary';

/** Events of earlier sessions that still shape intent when a session is replayed. */
const HISTORY = 50;

export function toRecent(e: StoredEvent): RecentEvent {
  return { type: e.type, itemId: e.itemId, query: e.query, price: e.price, ts: e.ts, sessionId: e.sessionId };
}

/**
 * Replays a session event by event: after each one, what the engine believed (intent summary,
 * purchase probability) and what it would have shown, with explanations. Uses the weights and rules
 * in force now and today's behaviour signals, so it answers "what would we show", not "what we showed"
 * (the impression log has that).
 */
export class SessionInspector {
  constructor(
    private readonly deps: { events: EventRepository; stats: StatsRepository; recommender: RecommendService; items: ItemCache; weights: FusionWeightStore },
  ) {}

  async inspect(req: { sessionId: string; k: number; maxEvents: number }): Promise<SessionInspection> {
    const shopperId = this.deps.stats.sessionOwner(req.sessionId);
    if (!shopperId) throw new ContractError('not_found', `sessionId: no session ${req.sessionId}`, [{ path: 'sessionId', message: 'not found' }]);
    const session = this.deps.events.recent({ limit: 1000, sessionId: req.sessionId }).reverse();
    const start = session[0]?.ts ?? 0;
    const history = this.deps.events
      .recent({ limit: HISTORY + session.length, shopperId })
      .filter((e) => e.sessionId !== req.sessionId && e.ts < start)
      .slice(0, HISTORY)
      .reverse()
      .map(toRecent);
    const weights = this.deps.weights.current();
    const steps: SessionInspection['steps'] = [];
    for (let i = 0; i < Math.min(session.length, req.maxEvents); i++) {
      const event = session[i]!;
      const seen = [...history, ...session.slice(0, i + 1).map(toRecent)].slice(-HISTORY);
      const { list, state } = await this.deps.recommender.replay(seen, { now: event.ts, k: req.k, weights: weights.weights, shopperId });
      steps.push({ event, intent: summariseIntent(state, this.deps.items), recommendations: list.items });
    }
    return { sessionId: req.sessionId, shopperId, weightsVersion: weights.version, steps, truncated: Math.max(0, session.length - req.maxEvents) };
  }
}
