import { ITEM_KNN_DEFAULTS, ItemKnnRecommender, type ItemKnnOptions } from './item-knn';
import { PopularityRecommender } from './popularity';
import type { Recommender } from './recommender';
import { SESSION_KNN_DEFAULTS, SessionKnnRecommender } from './session-knn';
import { isSessionWeighting, SESSION_WEIGHTINGS, type SessionWeighting } from './session-weighting';
import { TRANSITION_DEFAULTS, TransitionRecommender } from './transitions';
import { IntentBlendRecommender } from '../learned/intent-blend-recommender';
import { IntentRecommender } from '../learned/intent-recommender';
import { ensembleFromSpec, INTENT_SPEC_PARAMS, intentConfigsFromSpec } from '../../training/model/spec-params';

export const MODEL_NAMES = ['popularity', 'itemknn', 'transitions', 'vsknn', 'intent', 'intentblend'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

type Params = Record<string, string>;

const KNN_PARAMS = ['lastN', 'decay', 'window', 'distanceDecay', 'direction', 'neighbours'];
const ALLOWED_PARAMS: Record<ModelName, string[]> = {
  popularity: [],
  itemknn: KNN_PARAMS,
  transitions: ['backoffWeight', ...KNN_PARAMS],
  vsknn: ['k', 'sampleSize', 'weighting', 'idfWeighting'],
  intent: INTENT_SPEC_PARAMS,
  intentblend: ['w', ...INTENT_SPEC_PARAMS],
};

/**
 * Builds a baseline from a spec such as `itemknn:lastN=5,decay=0.8` so the CLI, the bench and the
 * tuning script share one way to name a configuration (and results record it verbatim).
 */
export function createRecommender(spec: string): Recommender {
  const [rawName, rawParams = ''] = spec.split(':', 2);
  const params = parseParams(rawParams);
  const allowed = ALLOWED_PARAMS[rawName as ModelName] ?? [];
  const unknown = Object.keys(params).filter((key) => !allowed.includes(key));
  // A typo such as `lastn=3` must not silently evaluate the default configuration.
  if (unknown.length > 0) throw new Error(`model "${rawName ?? ''}" has no parameter(s) ${unknown.join(', ')} (known: ${allowed.join(', ') || 'none'})`);
  switch (rawName) {
    case 'popularity':
      return new PopularityRecommender();
    case 'itemknn':
      return new ItemKnnRecommender(knnOptions(params, ITEM_KNN_DEFAULTS));
    case 'transitions':
      return new TransitionRecommender({
        backoffWeight: numberParam(params, 'backoffWeight', TRANSITION_DEFAULTS.backoffWeight),
        knn: knnOptions(params, TRANSITION_DEFAULTS.knn),
      });
    case 'vsknn':
      return new SessionKnnRecommender({
        k: numberParam(params, 'k', SESSION_KNN_DEFAULTS.k),
        sampleSize: numberParam(params, 'sampleSize', SESSION_KNN_DEFAULTS.sampleSize),
        weighting: weightingParam(params.weighting ?? SESSION_KNN_DEFAULTS.weighting),
        idfWeighting: numberParam(params, 'idfWeighting', SESSION_KNN_DEFAULTS.idfWeighting),
      });
    case 'intent': {
      const { model, training } = intentConfigsFromSpec(params);
      return new IntentRecommender(model, training, undefined, ensembleFromSpec(params));
    }
    case 'intentblend': {
      // A blend of the intent model with item-kNN (docs/INTENT_MODEL.md), never reported as the intent model.
      const rest = Object.fromEntries(Object.entries(params).filter(([key]) => key !== 'w'));
      const { model, training } = intentConfigsFromSpec(rest);
      return new IntentBlendRecommender(new IntentRecommender(model, training, undefined, ensembleFromSpec(rest)), numberParam(params, 'w', 0.3));
    }
    default:
      throw new Error(`unknown model "${rawName ?? ''}" (known: ${MODEL_NAMES.join(', ')})`);
  }
}

function parseParams(text: string): Params {
  const params: Params = {};
  for (const pair of text.split(',').filter((p) => p.trim() !== '')) {
    const [key, value] = pair.split('=', 2);
    if (key === undefined || value === undefined || key.trim() === '') throw new Error(`model parameter "${pair}" is not key=value`);
    params[key.trim()] = value.trim();
  }
  return params;
}

function numberParam(params: Params, key: string, fallback: number): number {
  const raw = params[key];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`model parameter ${key}=${raw} is not a non-negative number`);
  return value;
}

function knnOptions(params: Params, base: ItemKnnOptions): ItemKnnOptions {
  const direction = params.direction ?? base.direction;
  if (direction !== 'both' && direction !== 'forward') throw new Error(`direction=${direction} is not both|forward`);
  return {
    lastN: numberParam(params, 'lastN', base.lastN),
    decay: numberParam(params, 'decay', base.decay),
    window: numberParam(params, 'window', base.window),
    distanceDecay: numberParam(params, 'distanceDecay', base.distanceDecay),
    neighbours: numberParam(params, 'neighbours', base.neighbours),
    direction,
  };
}

function weightingParam(value: string): SessionWeighting {
  if (!isSessionWeighting(value)) throw new Error(`weighting=${value} is not one of ${Object.keys(SESSION_WEIGHTINGS).join('|')}`);
  return value;
}
