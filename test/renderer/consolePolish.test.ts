import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { JobDetails } from '../../src/renderer/src/pages/jobs/JobDetails';
import { JobProgressBar } from '../../src/renderer/src/pages/jobs/JobProgressBar';
import { currentCurrency, formatDateTime, formatMoney, formatPrice, setCurrency } from '../../src/renderer/src/i18n/format';
import { figureLabel, stageText } from '../../src/renderer/src/pages/jobs/jobLabels';
import { fineTuneStage, keyInWords, memberFigure } from '../../src/renderer/src/stores/fineTuneStage';
import type { Job } from '../../src/renderer/src/transport/contract';

describe('money and dates: one formatter each', () => {
  afterEach(() => setCurrency('USD'));

  it('shows every price with the currency (USD unless the shop sets another)', () => {
    expect(currentCurrency()).toBe('USD');
    expect(formatPrice(1234.5)).toBe('$1,234.50');
    expect(formatPrice(0)).toBe('$0.00');
    expect(formatPrice(null)).toBeNull();
    expect(formatPrice(undefined)).toBeNull();
    setCurrency('EUR');
    expect(formatPrice(12)).toBe(formatMoney(12));
    expect(formatPrice(12)).toBe('€12.00');
  });

  it('shows a date with the time and the time zone named', () => {
    const ts = Date.UTC(2025, 4, 12, 14, 3, 9);
    const text = formatDateTime(ts);
    expect(text).toMatch(/2025/);
    expect(text).toMatch(/\d{2}:\d{2}:\d{2}/);
    // The viewer's zone by its short name (UTC, CET, GMT+8 ...).
    const zone = new Intl.DateTimeFormat('en', { timeZoneName: 'short' }).formatToParts(new Date(ts)).find((p) => p.type === 'timeZoneName')?.value;
    expect(zone).toBeTruthy();
    expect(text).toContain(zone!);
  });
});

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('focus rings', () => {
  const css = readFileSync(join(__dirname, '../../src/renderer/src/styles/base.css'), 'utf8');
  const light = css.slice(css.indexOf(':root {'), css.indexOf('@media (prefers-color-scheme: dark)'));
  const dark = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
  const colour = (block: string, name: string): string => {
    const match = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(block);
    if (!match) throw new Error(`--${name} not set`);
    return match[1]!;
  };

  it('meet 3:1 against the page and the panels in the light and the dark theme', () => {
    for (const block of [light, dark]) {
      const focus = colour(block, 'focus');
      for (const background of ['bg', 'surface']) expect(contrast(focus, colour(block, background))).toBeGreaterThanOrEqual(3);
    }
  });

  it('are drawn with the focus colour on every focusable element', () => {
    expect(css).toMatch(/:focus-visible\s*{\s*outline:\s*3px solid var\(--focus\)/);
  });
});

const fineTune = (progress: Job['progress'], params: Record<string, unknown> = { epochs: 3 }): Job => ({
  jobId: 'job-1',
  kind: 'fine-tune',
  status: 'running',
  params,
  progress,
  result: null,
  error: null,
  createdAt: 0,
  finishedAt: null,
});
const report = (done: number, total: number, metrics: Record<string, number>) => ({ done, total, rate: 0, etaSeconds: 10, metrics });

describe('fine-tune progress in the job\'s own epochs', () => {
  it('counts validated epochs against the epochs asked for, never beyond', () => {
    expect(fineTuneStage(fineTune(report(40, 120, { epoch: 2, loss: 1 })))).toEqual({ phase: 'validated', epoch: 2, of: 3 });
    expect(stageText(fineTuneStage(fineTune(report(40, 120, { epoch: 2, loss: 1 })))!)).toBe('Epoch 2 of at most 3');
    // A stray count past the job's epochs is held at its last epoch.
    expect(fineTuneStage(fineTune(report(40, 120, { epoch: 6, loss: 1 })))).toEqual({ phase: 'validated', epoch: 3, of: 3 });
  });

  it('shows the refit as refit epochs, not as "epoch 6" of a 3-epoch job', () => {
    const refit = fineTune(report(200, 240, { epoch: 6, refitEpoch: 3, refitEpochs: 3, loss: 1 }));
    expect(fineTuneStage(refit)).toEqual({ phase: 'refit', epoch: 3, of: 3 });
    expect(stageText(fineTuneStage(refit)!)).toBe('Refit epoch 3 of 3');
    expect(stageText(fineTuneStage(fineTune(report(200, 240, { epoch: 5, refitEpoch: 2, loss: 1 })))!)).toBe('Refit epoch 2');
  });

  it('names the choice of configuration that comes before training', () => {
    expect(fineTuneStage(fineTune(report(18.5, 300, {})))).toEqual({ phase: 'selecting' });
    expect(stageText({ phase: 'selecting' })).toBe('Choosing the configuration');
  });

  it('gives no stage to other jobs or before the first report', () => {
    expect(fineTuneStage(fineTune(null))).toBeNull();
    expect(fineTuneStage({ ...fineTune(report(1, 2, { epoch: 1 })), kind: 'embed-catalogue' })).toBeNull();
  });
});

describe('job result labels', () => {
  const job = fineTune(null);

  it('never shows an internal key', () => {
    expect(memberFigure('member0ValNdcg')).toEqual({ member: 1, figure: 'valNdcg' });
    expect(memberFigure('member12BestEpoch')).toEqual({ member: 13, figure: 'bestEpoch' });
    expect(memberFigure('valNdcg')).toBeNull();
    expect(figureLabel('member0ValNdcg', job)).toBe('Validation NDCG@10, member 1');
    expect(figureLabel('member2BestEpoch', job)).toBe('Best epoch, member 3');
    expect(figureLabel('lossReason', job)).toBe('Why this loss');
    expect(keyInWords('someNewFigure2')).toBe('Some new figure 2');
    for (const key of ['version', 'valNdcg', 'afterNdcg10', 'beforeNdcg10', 'comparisonCases', 'bestEpoch', 'seconds', 'steps', 'sequences', 'items', 'members', 'loss', 'lossReason', 'member3ValNdcg', 'futureKey']) {
      expect(figureLabel(key, job)).not.toMatch(/^[a-z]+[A-Z0-9]/);
    }
  });

  it('labels the validation and held-out figures so they can be told apart', () => {
    const labels = ['valNdcg', 'afterNdcg10', 'beforeNdcg10'].map((k) => figureLabel(k, job));
    expect(new Set(labels).size).toBe(3);
    expect(labels[0]).toMatch(/^Validation/);
    expect(labels[1]).toMatch(/^Held-out.*this version/);
    expect(labels[2]).toMatch(/^Held-out.*serving/);
  });

  it('says an incremental run counts epochs from the version it continues', () => {
    expect(figureLabel('bestEpoch', fineTune(null, { epochs: 3, from: 'v7' }))).toMatch(/v7/);
    expect(figureLabel('bestEpoch', job)).toBe('Best epoch');
  });
});

describe('the Jobs page shows a fine-tune in words', () => {
  const finished = (result: Record<string, unknown>, params: Record<string, unknown> = { epochs: 3 }): Job => ({ ...fineTune(null, params), status: 'succeeded', result, finishedAt: 1 });

  it('has no internal keys in a finished ensemble\'s figures, and explains the NDCG figures', () => {
    const html = renderToStaticMarkup(createElement(JobDetails, { job: finished({ version: 'v2', valNdcg: 0.21, afterNdcg10: 0.18, beforeNdcg10: 0.15, comparedWith: 'v1', comparisonCases: 40, member0ValNdcg: 0.2, member1ValNdcg: 0.22, member0BestEpoch: 2, member1BestEpoch: 3, steps: 90, items: 500, members: 2, loss: 'full', lossReason: 'small catalogue' }) }));
    expect(html).not.toMatch(/member\dValNdcg|member\dBestEpoch|lossReason|afterNdcg10|>steps</);
    expect(html).toContain('Validation NDCG@10, member 2');
    expect(html).toContain('0.2200');
    expect(html).toContain('data-testid="ndcg-note"');
  });

  it('says what a first fine-tune is compared with instead of a blank', () => {
    const html = renderToStaticMarkup(createElement(JobDetails, { job: finished({ version: 'v1', valNdcg: 0.21, afterNdcg10: 0.18, comparisonCases: 40 }) }));
    expect(html).toContain('Compared with');
    expect(html).toContain('text-only intent');
    const compared = renderToStaticMarkup(createElement(JobDetails, { job: finished({ version: 'v2', afterNdcg10: 0.18, beforeNdcg10: 0.15, comparedWith: 'v1', comparisonCases: 40 }) }));
    expect(compared).not.toContain('text-only intent');
  });

  it('shows a running fine-tune by epoch, not by a step total that changes when the refit starts', () => {
    const validated = renderToStaticMarkup(createElement(JobProgressBar, { job: fineTune(report(40, 120, { epoch: 2, loss: 1 })) }));
    expect(validated).toContain('Epoch 2 of at most 3');
    expect(validated).not.toContain('40 of 120');
    const refit = renderToStaticMarkup(createElement(JobProgressBar, { job: fineTune(report(200, 240, { epoch: 6, refitEpoch: 1, refitEpochs: 3, loss: 1 })) }));
    expect(refit).toContain('Refit epoch 1 of 3');
    expect(refit).not.toMatch(/Epoch 6|200 of 240/);
    // The automatic choice of configuration runs first against a time budget: no "19 of 300".
    const choosing = renderToStaticMarkup(createElement(JobProgressBar, { job: fineTune({ ...report(18.5, 300, {}), message: 'choosing the configuration: rung 0' }) }));
    expect(choosing).toContain('Choosing the configuration');
    expect(choosing).not.toMatch(/of 300/);
    // Other jobs keep their counts.
    const embed = renderToStaticMarkup(createElement(JobProgressBar, { job: { ...fineTune(report(40, 120, {})), kind: 'embed-catalogue' } }));
    expect(embed).toContain('40 of 120');
  });
});
