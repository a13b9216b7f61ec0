import type { ExplorationRecord } from '../exploration/explore-window';

/**
 * How a list was served, stored with it so that estimators know what they read. A deterministic
 * list shows each item at its position with probability 1: off-policy estimators refuse to run on
 * those. A randomised list came from a slot that explores: its window was shuffled with the
 * exploration rate, and each item's logged propensity is the exact probability that the served
 * policy put it at that position.
 */
export interface LoggingPolicy {
  readonly kind: 'deterministic' | 'randomised';
  /** What ranked it: 'weights' (the fusion weights in force), 'holdout', or a learned policy version. */
  readonly ranking: string;
  readonly exploration?: ExplorationRecord;
}

export const DETERMINISTIC_WEIGHTS: LoggingPolicy = { kind: 'deterministic', ranking: 'weights' };

/** Lists logged before the loop existed carried a reference softmax policy that was never served: read as deterministic. */
export function parseLoggingPolicy(json: string): LoggingPolicy {
  const raw = JSON.parse(json) as Partial<LoggingPolicy> & { deterministic?: boolean };
  if (raw.kind === 'randomised' && raw.exploration) return { kind: 'randomised', ranking: raw.ranking ?? 'weights', exploration: raw.exploration };
  if (raw.kind === 'deterministic') return { kind: 'deterministic', ranking: raw.ranking ?? 'weights' };
  return DETERMINISTIC_WEIGHTS;
}
