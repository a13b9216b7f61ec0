import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';
import { confirmRisk } from '../helpers/risk-dialog';

/**
 * Team mode in browser mode: a headless engine (the demo, its own process) with two users made by its
 * admin over the contract; each opens the console with their own token (`/?token=`, traded for the cookie).
 */
describe('console team mode: roles in the browser', () => {
  const ui = useConsoleSession('instinct-e2e-team-');

  async function openAs(token: string, hash: string): Promise<{ page: Page; errors: string[] }> {
    const page = await ui.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      // A refused call logs nothing by itself; any console error is a failure of the page.
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${ui.demo.url}/?token=${encodeURIComponent(token)}#/${hash}`);
    return { page, errors };
  }

  async function moveASlider(page: Page): Promise<void> {
    await page.getByTestId('tuning-page').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('preview-item').count(), { timeout: 30_000 }).toBeGreaterThan(5);
    await page.getByTestId('weight-slider-popularity').focus();
    await page.keyboard.press('End');
    expect(await page.getByTestId('weight-slider-popularity').inputValue()).toBe('4');
  }

  it('a viewer cannot save weights and is told why; a merchandiser can, and the audit log names them', async () => {
    const viewer = await ui.rpc<{ token: string }>('users.create', { name: 'vera', role: 'viewer' });
    const merch = await ui.rpc<{ token: string }>('users.create', { name: 'max', role: 'merchandiser' });

    const asViewer = await openAs(viewer.token, 'tuning');
    await asViewer.page.getByTestId('whoami').getByText('vera · viewer').waitFor({ timeout: 30_000 });
    await moveASlider(asViewer.page);
    const save = asViewer.page.getByTestId('save-weights');
    expect(await save.isDisabled()).toBe(true);
    expect(await save.getAttribute('title')).toContain('needs the merchandiser role');
    const why = asViewer.page.getByTestId('save-weights-not-allowed');
    expect(await why.textContent()).toBe('Read-only for vera: this needs the merchandiser role, and you are a viewer.');
    // The engine refuses the viewer's cookie as well, whatever the page shows.
    const direct = await asViewer.page.evaluate(async () => {
      const current = (await (await fetch('/rpc/weights.get', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as { result: { weights: unknown } };
      const res = await fetch('/rpc/weights.set', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ weights: current.result.weights }) });
      return { status: res.status, body: (await res.json()) as { error: { code: string } } };
    });
    expect(direct).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    await asViewer.page.screenshot({ path: join(SHOTS, 'team-viewer-tuning.png'), fullPage: true });
    expect(asViewer.errors.filter((e) => !e.includes('403'))).toEqual([]);
    await asViewer.page.close();

    const asMerch = await openAs(merch.token, 'tuning');
    await asMerch.page.getByTestId('whoami').getByText('max · merchandiser').waitFor({ timeout: 30_000 });
    await moveASlider(asMerch.page);
    expect(await asMerch.page.getByTestId('save-weights-not-allowed').count()).toBe(0);
    await asMerch.page.getByTestId('weights-note').fill('team mode (e2e)');
    await asMerch.page.getByTestId('save-weights').click();
    await confirmRisk(asMerch.page, 'e2e: merchandiser saves');
    await asMerch.page.getByTestId('weights-history').locator('[data-testid="weights-version"][data-version="2"]').waitFor({ timeout: 15_000 });
    expect(await ui.rpc<{ version: number; weights: Record<string, number> }>('weights.get')).toMatchObject({ version: 2, weights: { popularity: 4 } });
    const audit = await ui.rpc<{ entries: { actor: string; action: string }[] }>('audit.list', { action: 'fusion-weights' });
    expect(audit.entries[0]?.actor).toBe('max (console)');
    expect(asMerch.errors).toEqual([]);
    await asMerch.page.close();
  });
});
