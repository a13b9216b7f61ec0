/** The cut-offs every evaluation reports (the published tables use 10 and 20). */
export const CUTOFFS = [10, 20] as const;
export const ACCURACY_KINDS = ['HR', 'NDCG', 'MRR', 'Recall'] as const;
export type AccuracyKind = (typeof ACCURACY_KINDS)[number];

/** Metric keys in reporting order: HR@10, NDCG@10, MRR@10, Recall@10, HR@20, ... */
export const METRIC_NAMES: string[] = CUTOFFS.flatMap((k) => ACCURACY_KINDS.map((kind) => `${kind}@${k}`));

export const MAX_CUTOFF = Math.max(...CUTOFFS);
