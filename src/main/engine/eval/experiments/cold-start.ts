/**
 * Cold-start experiment: `npx tsx src/main/engine/eval/experiments/cold-start.ts
 * [--dataset beauty] [--share 0.1] [--spec intent:epochs=..]`. A seeded share of the catalogue
 * is made cold by deleting every one of its interactions from the test fold's training
 * sequences; the test cases whose target is a cold item are then ranked against the full
 * catalogue by the text-based intent model (cold items score through their frozen text vector)
 * and by the same model without text (id-only SASRec, cold ids never trained). Prints JSON.
 */
import { loadSplit } from '../splits/load-split';
import { seededRandom } from '../../datasets/seeded-random';
import { IntentRecommender } from '../learned/intent-recommender';
import { trainIntentModel } from '../../training/loop/train-intent-model';
import { rankOfTarget as rankOf } from '../../datasets/target-rank';
import { intentConfigsFromSpec } from '../../training/model/spec-params';
import { datasetTextTable } from '../learned/dataset-text-table';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
  const dataset = arg('dataset', 'beauty');
  const share = Number(arg('share', '0.1'));
  const spec = arg('spec', 'intent');
  const params = Object.fromEntries((spec.split(':', 2)[1] ?? '').split(',').filter((p) => p.includes('=')).map((p) => p.split('=', 2) as [string, string]));
  const loaded = await loadSplit(dataset);
  const fold = loaded.split.test;
  const numItems = fold.train.numItems;
  const random = seededRandom(2026);
  const cold = new Uint8Array(numItems);
  for (let i = 0; i < numItems; i += 1) if (random() < share) cold[i] = 1;
  const sequences = fold.train.sequences.map((s) => s.filter((item) => cold[item] === 0));
  const cases = fold.cases.filter((c) => cold[c.target] === 1);
  const naturalCold = (() => {
    const seen = new Uint8Array(numItems);
    for (const s of fold.train.sequences) for (const i of s) seen[i] = 1;
    return fold.cases.filter((c) => seen[c.target] === 0).length;
  })();
  const text = await datasetTextTable(dataset, loaded.split.itemIds);
  const report: Record<string, unknown> = { dataset, coldShare: share, coldItems: cold.reduce((a, b) => a + b, 0), coldCases: cases.length, naturallyColdTestTargets: naturalCold, spec };
  for (const [label, useText, useIds] of [['text+ids', true, true], ['id-only', false, true]] as const) {
    const { model, training } = intentConfigsFromSpec(params);
    const cfg = { ...model, useText, useIds };
    const result = await trainIntentModel({ sequences, numItems, text: text.table, model: cfg, training });
    const rec = new IntentRecommender(cfg, training, () => {});
    rec.useModel(result.model, useText ? text.table : null);
    const scores = new Float32Array(numItems);
    const sums = { 'Recall@10': 0, 'Recall@20': 0, 'Recall@50': 0, 'NDCG@10': 0 };
    for (const c of cases) {
      const rank = rankOf(rec.scoreAll(c.history, scores), c.target);
      if (rank <= 10) sums['Recall@10'] += 1;
      if (rank <= 20) sums['Recall@20'] += 1;
      if (rank <= 50) sums['Recall@50'] += 1;
      if (rank <= 10) sums['NDCG@10'] += 1 / Math.log2(rank + 1);
    }
    report[label] = { ...Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, Math.round((v / Math.max(1, cases.length)) * 10000) / 10000])), bestEpoch: result.bestEpoch, valNdcg: Math.round(result.bestValNdcg * 10000) / 10000, seconds: Math.round(result.seconds) };
    process.stderr.write(`${label}: ${JSON.stringify(report[label])}\n`);
  }
  console.log(JSON.stringify(report));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
