import { performance } from 'node:perf_hooks';
import type { FusionWeights, RankedList } from '../../../shared/contract/recommendations';
import type { CatalogRepository } from '../store/catalog-repository';
import type { DiversityOptions } from './diversity/diversify';
import type { ImpressionLog } from './impressions/impression-log';
import { DEFAULT_PROPENSITY_TEMPERATURE } from './impressions/propensity';
import { rankCandidates, type RankOutcome } from './rank-candidates';
import type { RuleStore } from './rules/rule-store';
import type { RankingCandidate } from './scoring/candidate';
import { catalogCandidate } from './scoring/catalog-candidate';
import type { FusionWeightStore } from './weights/fusion-weight-store';

export interface RankerDeps {
  readonly weights: FusionWeightStore;
  readonly rules: RuleStore;
  readonly impressions: ImpressionLog;
  /** Where pinned items that no candidate source proposed are found. */
  readonly catalog?: Pick<CatalogRepository, 'get'>;
  readonly diversity?: DiversityOptions;
  readonly temperature?: number;
  readonly clock?: () => number;
}

export interface RankListRequest {
  readonly candidates: readonly RankingCandidate[];
  readonly slot: string;
  readonly k: number;
  readonly shopperId: string | null;
  readonly sessionId: string | null;
  readonly query?: string | null;
  readonly coldStart: boolean;
  readonly purchaseIntent: number;
  readonly modelVersion: string;
  /** performance.now() when the request began, so tookMs covers retrieval too; default: when rank() is called. */
  readonly startedAt?: number;
  readonly diversity?: DiversityOptions;
  /**
   * What-if ranking (replays, tuning previews): rank with these weights and write no impression,
   * since nothing was shown to anyone.
   */
  readonly whatIf?: { readonly weights: FusionWeights; readonly now?: number };
}

/**
 * The ranking step of recommend and search with its stores: the weights and rules in force now,
 * pure ranking, then one impression row. Returns the contract's RankedList plus what was removed.
 */
export class Ranker {
  constructor(private readonly deps: RankerDeps) {}

  rank(req: RankListRequest): RankedList & { removed: RankOutcome['removed']; unplacedPins: RankOutcome['unplacedPins'] } {
    const startedAt = req.startedAt ?? performance.now();
    const now = req.whatIf?.now ?? (this.deps.clock ?? Date.now)();
    const weights = req.whatIf ? { version: 0, weights: req.whatIf.weights } : this.deps.weights.current();
    const catalog = this.deps.catalog;
    const outcome = rankCandidates(req.candidates, {
      weights: weights.weights,
      rules: this.deps.rules.active(req.slot, now),
      slot: req.slot,
      now,
      k: req.k,
      ...(catalog ? { lookupItem: (id: string) => { const item = catalog.get(id); return item ? catalogCandidate(item) : undefined; } } : {}),
      diversity: req.diversity ?? this.deps.diversity ?? {},
      temperature: this.deps.temperature ?? DEFAULT_PROPENSITY_TEMPERATURE,
    });
    if (req.whatIf) {
      return {
        impressionId: 'what-if',
        slot: req.slot,
        shopperId: req.shopperId,
        sessionId: req.sessionId,
        coldStart: req.coldStart,
        weightsVersion: 0,
        modelVersion: req.modelVersion,
        purchaseIntent: req.purchaseIntent,
        items: outcome.items,
        tookMs: performance.now() - startedAt,
        removed: outcome.removed,
        unplacedPins: outcome.unplacedPins,
      };
    }
    const impression = this.deps.impressions.write({
      slot: req.slot,
      shopperId: req.shopperId,
      sessionId: req.sessionId,
      query: req.query ?? null,
      coldStart: req.coldStart,
      weightsVersion: weights.version,
      modelVersion: req.modelVersion,
      purchaseIntent: req.purchaseIntent,
      items: outcome.items,
      tookMs: performance.now() - startedAt,
      createdAt: now,
      policy: { kind: 'plackett-luce-first-draw', temperature: this.deps.temperature ?? DEFAULT_PROPENSITY_TEMPERATURE, deterministic: true },
    });
    const { createdAt: _createdAt, query: _query, ...list } = impression;
    return { ...list, removed: outcome.removed, unplacedPins: outcome.unplacedPins };
  }
}
