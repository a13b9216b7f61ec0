/**
 * Measures the purchase-intent model on the demo data, through a real store:
 *   npx tsx src/main/engine/ranking/intent/intent-report.ts [--json]
 * Seeds a temporary SQLite file with demoDataset() (seed 42), reads the sessions back, fits on the
 * earliest 80% of sessions (Platt on the last quarter of those) and reports on the latest 20%.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoDataset } from '../../demo';
import { CatalogRepository, EventRepository, openDatabase } from '../../store';
import { evaluatePurchaseIntent, type IntentEvaluation } from './intent-evaluation';
import { readSessionHistories } from './session-reader';

export function demoIntentEvaluation(): IntentEvaluation {
  const dir = mkdtempSync(join(tmpdir(), 'instinct-intent-'));
  const db = openDatabase(join(dir, 'instinct.db'));
  try {
    const demo = demoDataset();
    new CatalogRepository(db).upsertItems(demo.catalog, demo.endTs);
    new EventRepository(db).insertEvents(demo.events, { rejectWholeBatch: false, now: demo.endTs });
    return evaluatePurchaseIntent(readSessionHistories(db));
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function markdown(r: IntentEvaluation): string {
  const f = (x: number, d = 3): string => x.toFixed(d);
  const lines = [
    `sessions: ${r.sessions.train} for fitting (Platt on the latest quarter of those), ${r.sessions.test} tested (${r.sessions.testPositives} buy)`,
    `AUC ${f(r.auc)}; log-loss ${f(r.logLoss, 4)} (base rate alone: ${f(r.baseRateLogLoss, 4)}); ECE ${f(r.expectedCalibrationError, 4)}; mean predicted ${f(r.meanPredicted)} vs observed ${f(r.observedRate)}`,
    '',
    '| bucket | predicted range | sessions | expected | observed |',
    '|---|---|---|---|---|',
    ...r.calibration.map((b, i) => `| ${i + 1} | ${f(b.from)}–${f(b.to)} | ${b.count} | ${f(b.expected)} | ${f(b.observed)} |`),
    '',
    `coefficients (standardised log features): ${Object.entries(r.coefficients)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
      .join(', ')}`,
    `model version: ${r.modelVersion}`,
  ];
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const report = demoIntentEvaluation();
  console.log(process.argv.includes('--json') ? JSON.stringify(report, null, 2) : markdown(report));
}
