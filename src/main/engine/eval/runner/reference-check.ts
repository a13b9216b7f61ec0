import { createRecommender } from '../baselines/model-catalog';
import { resolveDatasetPath } from '../../datasets/dataset-location';
import type { LoadedSplit } from '../splits/load-split';
import { mrrAt, hitAt } from '../metrics/accuracy';
import { mean } from '../metrics/bootstrap';
import { rankOfTarget, topK } from '../metrics/ranking';
import type { EvalCase } from '../protocols/types';
import { readReferenceLists, referenceFile } from './reference-lists';
import { round } from './summarise';

export interface ReferenceCheck {
  dataset: string;
  protocol: string;
  model: string;
  /** Reference rows matched to a test case (rows whose case we do not have are reported, not scored). */
  cases: number;
  unmatchedRows: number;
  metrics: Record<string, number>;
  /** Our own model on exactly the same cases, and how many of its top 20 the reference list shares. */
  own: { model: string; modelName: string; metrics: Record<string, number>; meanTop20Overlap: number };
}

const K = 20;

/**
 * Scores session-rec's stored lists with our HR@20 / MRR@20 code and runs our model on the very
 * same cases: equal figures for the same algorithm mean the protocol and metrics agree.
 */
export async function referenceCheck(dataset: string, loaded: LoadedSplit, referenceName: string, ownSpec: string): Promise<ReferenceCheck> {
  const { lists, report } = await readReferenceLists(referenceFile(resolveDatasetPath(dataset), referenceName));
  const byCase = new Map<string, EvalCase>(loaded.split.test.cases.map((c) => [c.caseId, c]));
  const matched = lists.filter((l) => byCase.has(l.caseId));
  const ids = loaded.split.itemIds;
  const refRanks = matched.map((l) => {
    const target = ids[(byCase.get(l.caseId) as EvalCase).target];
    const at = target === undefined ? -1 : l.items.indexOf(target);
    return at < 0 ? Number.POSITIVE_INFINITY : at + 1;
  });
  const model = createRecommender(ownSpec);
  model.fit(loaded.split.test.train);
  let buffer: Float32Array = new Float32Array(loaded.split.test.train.numItems);
  const ownRanks: number[] = [];
  const overlaps: number[] = [];
  for (const list of matched) {
    const c = byCase.get(list.caseId) as EvalCase;
    buffer = model.scoreAll(c.history, buffer);
    ownRanks.push(rankOfTarget(buffer, c.target));
    const reference = new Set(list.items.slice(0, K));
    const ours = Array.from(topK(buffer, K), (i) => ids[i] ?? '');
    overlaps.push(ours.filter((id) => reference.has(id)).length / K);
  }
  const figures = (ranks: number[]): Record<string, number> => ({
    [`HR@${K}`]: round(mean(ranks.map((r) => hitAt(r, K)))),
    [`MRR@${K}`]: round(mean(ranks.map((r) => mrrAt(r, K)))),
  });
  return {
    dataset: loaded.split.dataset,
    protocol: loaded.split.protocol,
    model: `reference:${referenceName}`,
    cases: matched.length,
    unmatchedRows: lists.length - matched.length + report.rejectedCount,
    metrics: figures(refRanks),
    own: { model: ownSpec, modelName: model.name, metrics: figures(ownRanks), meanTop20Overlap: round(mean(overlaps)) },
  };
}
