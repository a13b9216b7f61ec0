import { performance } from 'node:perf_hooks';
import type { FusionWeights, RankedList, Rule } from '../../../shared/contract/recommendations';
import type { CatalogRepository } from '../store/catalog-repository';
import type { DiversityOptions } from './diversity/diversify';
import type { ImpressionLog } from './impressions/impression-log';
import { EXPLORATION_OFF, type ExplorationSettings } from './exploration/exploration-settings';
import { candidateFeatures } from './impressions/candidate-features';
import { rankCandidates, type RankOptions, type RankOutcome } from './rank-candidates';
import { isRuleActive, type RuleRequestContext } from './rules/rule-activity';
import type { RuleStore } from './rules/rule-store';
import type { RankingCandidate } from './scoring/candidate';
import { catalogCandidate } from './scoring/catalog-candidate';
import type { ServingPolicy } from './serving-policy';
import type { FusionWeightStore } from './weights/fusion-weight-store';

export interface RankerDeps {
  readonly weights: FusionWeightStore;
  readonly rules: RuleStore;
  readonly impressions: ImpressionLog;
  /** Where pinned items that no candidate source proposed are found. */
  readonly catalog?: Pick<CatalogRepository, 'get'>;
  readonly diversity?: DiversityOptions;
  /** The exploration budget of a slot (default: off everywhere). */
  readonly exploration?: (slot: string) => ExplorationSettings;
  /** A collection's items, for rules that target one (default: none; such a rule then matches nothing). */
  readonly collectionItems?: (collectionId: string) => readonly string[] | undefined;
  /** The random source of exploration draws (default Math.random; tests seed it). */
  readonly random?: () => number;
  readonly clock?: () => number;
}

export interface RankListRequest {
  readonly candidates: readonly RankingCandidate[];
  readonly slot: string;
  readonly k: number;
  readonly shopperId: string | null;
  readonly sessionId: string | null;
  readonly query?: string | null;
  /** The category page, or the category a search is filtered to: what category-scoped rules read. */
  readonly category?: string | null;
  /** The segments the shopper is in for this list: what segment-scoped rules read. */
  readonly segments?: readonly string[];
  /** The collection whose list this is: what collection-scoped rules read. */
  readonly collection?: string | null;
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
  readonly whatIf?: { readonly weights: FusionWeights; readonly now?: number; readonly rules?: readonly Rule[] };
  /** An experiment arm's or a learned policy's choice; default: the weights and rules in force. */
  readonly serving?: ServingPolicy;
  /** Rules this list adds from the shopper's own events (recommend/after-purchase.ts), applied in every arm. */
  readonly shopperRules?: readonly Rule[];
}

/** What ranks one list, read from the stores when the request arrives: weights, rules, diversity, exploration. */
export interface RankPlan {
  readonly now: number;
  readonly weights: { readonly version: number; readonly weights: FusionWeights };
  /** The rules active for the slot now, less an arm's exclusions. */
  readonly rules: readonly Rule[];
  /** The query and category the rules' conditions were read against. */
  readonly context: RuleRequestContext;
  readonly diversity: DiversityOptions;
  /** The slot's exploration budget; absent for a what-if ranking (nothing is shown, so nothing is explored). */
  readonly exploration?: ExplorationSettings;
}

/** A ranking's outcome as the log needs it: the shown items, how the window was drawn, and the considered items' features. */
export type RankedOutcome = Pick<RankOutcome, 'items' | 'removed' | 'unplacedPins' | 'exploration'> & { readonly features: Float32Array };

/**
 * The ranking step of recommend and search with its stores: the weights and rules in force now,
 * pure ranking, then one impression row. Returns the contract's RankedList plus what was removed.
 * The three steps are also offered apart (`plan`, `rankCandidates`, `log`), so that the pure middle
 * one can run on a serving worker while the stores are read and the list logged on the engine's thread.
 */
export class Ranker {
  constructor(private readonly deps: RankerDeps) {}

  rank(req: RankListRequest): RankedList & { removed: RankOutcome['removed']; unplacedPins: RankOutcome['unplacedPins'] } {
    const startedAt = req.startedAt ?? performance.now();
    const plan = this.plan(req);
    const catalog = this.deps.catalog;
    const outcome = rankCandidates(req.candidates, {
      ...rankOptions(req, plan),
      ...(catalog ? { lookupItem: (id: string) => { const item = catalog.get(id); return item ? catalogCandidate(item) : undefined; } } : {}),
      ...(plan.exploration ? { exploration: { settings: plan.exploration, random: this.random } } : {}),
    });
    return this.log({ ...req, startedAt }, plan, { ...outcome, features: candidateFeatures(outcome.considered) });
  }

  /** The random source of exploration draws (a serving worker is handed a seed drawn from it). */
  get random(): () => number {
    return this.deps.random ?? Math.random;
  }

  /** Reads what ranks this list from the stores (or the what-if request), without ranking anything. */
  plan(req: Omit<RankListRequest, 'candidates'>): RankPlan {
    const now = req.whatIf?.now ?? (this.deps.clock ?? Date.now)();
    const serving = req.serving;
    const weights = req.whatIf ? { version: 0, weights: req.whatIf.weights } : (serving?.weights ?? this.deps.weights.current());
    const context: RuleRequestContext = {
      query: req.query ?? null,
      category: req.category ?? null,
      ...(req.segments?.length ? { segments: new Set(req.segments) } : {}),
      ...(req.collection ? { collection: req.collection } : {}),
    };
    let rules = req.whatIf?.rules ? req.whatIf.rules.filter((r) => isRuleActive(r, req.slot, now, context)) : this.deps.rules.active(req.slot, now, context);
    if (serving?.filtersOnly) rules = rules.filter((r) => r.kind === 'filter');
    if (serving && serving.excludeRules.size > 0) rules = rules.filter((r) => !serving.excludeRules.has(r.ruleId));
    if (req.shopperRules?.length) rules = [...rules, ...req.shopperRules.filter((r) => isRuleActive(r, req.slot, now, context))];
    return {
      now,
      weights,
      rules,
      context: this.withTargets(context, rules),
      diversity: req.diversity ?? this.deps.diversity ?? {},
      // Nothing is shown in a what-if ranking, so nothing is explored.
      ...(req.whatIf ? {} : { exploration: this.deps.exploration?.(req.slot) ?? EXPLORATION_OFF }),
    };
  }

  /**
   * The context with the items of every collection these rules target, read once per list (one
   * indexed query a collection): plain data, so a serving worker matches exactly as this thread.
   */
  withTargets(context: RuleRequestContext, rules: readonly Rule[]): RuleRequestContext {
    // Every list passes here: nothing is allocated unless a rule targets a collection.
    if (!rules.some((r) => r.target.type === 'collection')) return context;
    const wanted = new Set(rules.flatMap((r) => (r.target.type === 'collection' ? [r.target.collection] : [])));
    const members = new Map<string, ReadonlySet<string>>(context.targetMembers ?? []);
    for (const id of wanted) if (!members.has(id)) members.set(id, new Set(this.deps.collectionItems?.(id) ?? []));
    return { ...context, targetMembers: members };
  }

  /** Logs a ranked list (unless what-if) and returns it as the contract's RankedList. */
  log(req: Omit<RankListRequest, 'candidates'>, plan: RankPlan, outcome: RankedOutcome): RankedList & { removed: RankOutcome['removed']; unplacedPins: RankOutcome['unplacedPins'] } {
    const startedAt = req.startedAt ?? performance.now();
    const serving = req.serving;
    if (req.whatIf) {
      return {
        impressionId: 'what-if',
        experiment: null,
        policy: 'weights',
        explored: false,
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
      weightsVersion: plan.weights.version,
      modelVersion: req.modelVersion,
      purchaseIntent: req.purchaseIntent,
      items: outcome.items,
      tookMs: performance.now() - startedAt,
      createdAt: plan.now,
      experiment: serving?.experiment ?? null,
      logging: outcome.exploration
        ? { kind: 'randomised', ranking: serving?.ranking ?? 'weights', exploration: outcome.exploration }
        : { kind: 'deterministic', ranking: serving?.ranking ?? 'weights' },
      features: outcome.features,
    });
    const { createdAt: _createdAt, query: _query, ...list } = impression;
    return { ...list, removed: outcome.removed, unplacedPins: outcome.unplacedPins };
  }
}

/** The pure ranking's options for a plan (without the catalogue lookup of pins and the random source). */
export function rankOptions(req: Pick<RankListRequest, 'slot' | 'k'>, plan: RankPlan): Omit<RankOptions, 'lookupItem' | 'exploration'> {
  return { weights: plan.weights.weights, rules: plan.rules, slot: req.slot, now: plan.now, k: req.k, diversity: plan.diversity, context: plan.context };
}
