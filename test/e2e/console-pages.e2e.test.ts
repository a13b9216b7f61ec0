import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';
import { tempDir } from '../helpers/temp-dir';

/** Embedding the 5,000 demo items on 2 shared cores takes tens of seconds; leave room for a loaded machine. */
const EMBED_TIMEOUT_MS = 180_000;

describe('console pages on the demo engine: jobs, evaluation, inference', () => {
  const ui = useConsoleSession('instinct-e2e-pages-');

  it(
    'starts the catalogue embedding from the Jobs page and follows it to success',
    async () => {
      const items = await ui.rpc<{ total: number }>('catalog.list', { limit: 1 });
      expect(items.total).toBeGreaterThan(0);
      // The demo embeds its catalogue at start-up; that job must finish before the console starts another.
      type JobRow = { status: string; kind: string; result: { embedded?: number } | null };
      await expect.poll(async () => (await ui.rpc<JobRow[]>('jobs.list', { limit: 5 })).some((j) => j.status === 'running'), { timeout: EMBED_TIMEOUT_MS }).toBe(false);
      const boot = (await ui.rpc<JobRow[]>('jobs.list', { limit: 5 })).find((j) => j.kind === 'embed-catalogue');
      expect(boot).toMatchObject({ status: 'succeeded', result: { embedded: items.total } });

      const { page, errors } = await ui.open('jobs');
      await page.getByTestId('jobs-page').waitFor({ timeout: 30_000 });
      await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();
      const start = page.getByTestId('start-embedding');
      await expect.poll(() => start.isEnabled(), { timeout: 15_000 }).toBe(true);

      const started = Date.now();
      await start.click();
      const row = page.getByTestId('job-row').first();
      await row.waitFor({ timeout: 15_000 });
      const jobId = await row.getAttribute('data-job-id');
      expect(jobId).toBeTruthy();
      const thisJob = page.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`);
      // While it runs: a progressbar with a value, a cancel button, and no second start.
      await expect.poll(() => thisJob.getByTestId('job-progress').getAttribute('aria-valuenow'), { timeout: 60_000 }).not.toBeNull();
      const midway = Date.now();
      if ((await thisJob.getAttribute('data-status')) === 'running') {
        await expect.poll(() => start.isDisabled()).toBe(true);
        await thisJob.getByTestId('cancel-job').waitFor();
        // A picture of the bar part-way, unless the job finishes first.
        await expect
          .poll(async () => (await thisJob.getAttribute('data-status')) !== 'running' || Number(await thisJob.getByTestId('job-progress').getAttribute('aria-valuenow')) >= 10, {
            timeout: EMBED_TIMEOUT_MS,
          })
          .toBe(true);
        await page.screenshot({ path: join(SHOTS, 'jobs-running.png'), fullPage: true });
      }

      await page.locator(`[data-testid="job-row"][data-job-id="${jobId}"][data-status="succeeded"]`).waitFor({ timeout: EMBED_TIMEOUT_MS });
      const seconds = (Date.now() - started) / 1000;
      console.log(`[e2e] catalogue embedding of ${items.total} items: ${seconds.toFixed(1)} s in the console (first progress after ${((midway - started) / 1000).toFixed(1)} s)`);
      await expect.poll(() => thisJob.getByTestId('job-progress').getAttribute('aria-valuenow')).toBe('100');
      await thisJob.getByTestId('job-result').waitFor();
      expect(await thisJob.getByTestId('cancel-job').count()).toBe(0);
      const job = await ui.rpc<{ status: string; result: { total: number; embedded: number } }>('jobs.get', { jobId });
      expect(job.status).toBe('succeeded');
      expect(job.result.total).toBe(items.total);
      await page.screenshot({ path: join(SHOTS, 'jobs.png'), fullPage: true });

      // The text model is loaded now: the Live page names the provider and the model version.
      await page.getByRole('link', { name: 'Live' }).click();
      const tile = page.getByTestId('inference-tile');
      await tile.waitFor({ timeout: 15_000 });
      await expect.poll(() => tile.textContent(), { timeout: 15_000 }).toMatch(/Inference.+·/);
      await page.screenshot({ path: join(SHOTS, 'live-inference.png') });
      expect(errors).toEqual([]);
      await page.close();
    },
    EMBED_TIMEOUT_MS + 60_000,
  );

  it('cancels a running fp32 embedding from the keyboard', async () => {
    const { page, errors } = await ui.open('jobs');
    await page.getByTestId('jobs-page').waitFor({ timeout: 30_000 });
    // fp32 is another model version, so every item is embedded again: long enough to cancel.
    await page.getByLabel('fp32 (full precision)').check();
    const start = page.getByTestId('start-embedding');
    await expect.poll(() => start.isEnabled(), { timeout: 15_000 }).toBe(true);
    await start.click();
    const running = page.locator('[data-testid="job-row"][data-status="running"]');
    await running.waitFor({ timeout: 15_000 });
    const jobId = await running.getAttribute('data-job-id');
    const cancel = running.getByTestId('cancel-job');
    await cancel.focus();
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="job-row"][data-job-id="${jobId}"][data-status="cancelled"]`).waitFor({ timeout: 60_000 });
    expect((await ui.rpc<{ status: string }>('jobs.get', { jobId })).status).toBe('cancelled');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('renders the evaluation page (results or the empty state) without console errors', async () => {
    const stored = await ui.rpc<unknown[]>('eval.results', { limit: 1000 });
    const { page, errors } = await ui.open('evaluation');
    await page.getByRole('heading', { level: 1, name: 'Models & evaluation' }).waitFor({ timeout: 30_000 });
    if (stored.length === 0) {
      await page.getByTestId('eval-empty').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('eval-empty').textContent()).toContain('npm run eval -- --dataset');
    } else {
      await page.getByTestId('eval-chart').first().waitFor({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('eval-row').count()).toBe(stored.length);
      expect(await page.getByTestId('eval-row').first().textContent()).toContain('npm run eval -- --dataset');
      // The chart draws bars with CI whiskers; switching the metric keeps it drawn.
      await expect.poll(() => page.locator('[data-testid="eval-chart"] .recharts-bar-rectangle').count()).toBeGreaterThan(0);
      await page.getByTestId('eval-metric').selectOption('HR@20');
      await expect.poll(() => page.locator('[data-testid="eval-chart"] .recharts-bar-rectangle').count()).toBeGreaterThan(0);
      await page.getByTestId('eval-metric').selectOption('NDCG@10');
    }
    await page.screenshot({ path: join(SHOTS, 'evaluation.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('console pages when the text model is missing', () => {
  const models = tempDir('instinct-e2e-nomodels-');
  // The demo is pointed at an empty models folder.
  const ui = useConsoleSession('instinct-e2e-nomodel-', { env: { INSTINCT_MODELS_DIR: models.dir } });
  afterAll(() => models.cleanup());

  it('shows the failed job with its error, and a warning on the Live page', async () => {
    const page = await ui.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ui.demo.consoleUrl}#/jobs`);
    const start = page.getByTestId('start-embedding');
    await expect.poll(() => start.isEnabled(), { timeout: 30_000 }).toBe(true);
    await start.click();
    const failed = page.locator('[data-testid="job-row"][data-status="failed"]');
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.textContent()).toContain('Error:');
    await page.getByRole('link', { name: 'Live' }).click();
    const warning = page.getByTestId('inference-warning');
    await warning.waitFor({ timeout: 15_000 });
    expect(await warning.textContent()).toContain('could not be loaded');
    await page.screenshot({ path: join(SHOTS, 'live-model-missing.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
