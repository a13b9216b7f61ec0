import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';
import { expectNoHorizontalScroll } from '../helpers/no-horizontal-scroll';

const REASON = 'e2e: shopper asked to be forgotten';

interface Footprint {
  sessions: number;
  events: number;
  impressions: number;
  rewards: number;
}

describe('console privacy: export and erase a shopper, the retention setting', () => {
  // Without the simulator no new events arrive for the seeded shopper while the test runs.
  const ui = useConsoleSession('instinct-e2e-privacy-', { env: { INSTINCT_SIMULATOR: 'off' } });

  it('exports a demo shopper, erases them through the risk dialog, and the audit log shows the erasure', async () => {
    const { page, errors } = await ui.open('inspector');
    await page.getByTestId('inspector-page').waitFor({ timeout: 30_000 });
    const sessions = page.getByTestId('inspector-session');
    await sessions.first().waitFor({ timeout: 30_000 });
    const shopper = (await sessions.first().locator('.finder-shopper').textContent())!.trim();
    const before = await ui.rpc<Footprint>('shoppers.footprint', { shopperId: shopper });
    expect(before.events).toBeGreaterThan(0);

    await page.getByTestId('shopper-filter').fill(shopper);
    await page.getByTestId('shopper-filter').press('Enter');
    await expect.poll(async () => new Set(await page.locator('[data-testid="inspector-session"] .finder-shopper').allTextContents()).size).toBe(1);
    await sessions.first().click();
    const privacy = page.getByTestId('shopper-privacy');
    await privacy.getByRole('heading', { name: `Data of shopper ${shopper}` }).waitFor({ timeout: 15_000 });

    // Export: a JSON file named after the shopper, with what the engine stores about them.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('export-shopper').click()]);
    expect(download.suggestedFilename()).toBe(`shopper-${shopper}.json`);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { shopperId: string; events: unknown[]; sessions: unknown[] };
    expect(exported.shopperId).toBe(shopper);
    expect(exported.events).toHaveLength(before.events);
    await expect.poll(() => page.getByTestId('privacy-status').textContent()).toContain(`shopper-${shopper}.json`);

    // Erase: the dialog states what goes and what stays, and wants a reason.
    await page.getByTestId('erase-shopper').click();
    const risk = page.getByTestId('risk-dialog');
    await risk.getByRole('heading', { name: `Erase shopper ${shopper}?` }).waitFor({ timeout: 15_000 });
    await expect.poll(() => risk.getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    const effects = (await risk.getByTestId('risk-effects').textContent())!;
    expect(effects).toContain(`${before.sessions} sessions, ${before.events} events`);
    expect(effects).toMatch(/anonymous counts/);
    const confirm = risk.getByTestId('risk-confirm');
    expect(await risk.getByTestId('risk-reason').getAttribute('aria-required')).toBe('true');
    expect(await confirm.isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'privacy-erase-dialog.png'), fullPage: true });
    await risk.getByTestId('risk-reason').fill(REASON);
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await confirm.click();
    await expect.poll(() => risk.getAttribute('data-state'), { timeout: 30_000 }).toBe('closed');

    // The page forgets the shopper and says what was deleted.
    await expect.poll(() => page.getByTestId('privacy-status').textContent(), { timeout: 15_000 }).toContain(`Shopper ${shopper} erased`);
    await expect.poll(() => sessions.count(), { timeout: 15_000 }).toBe(0);
    expect(await page.locator('.finder-item.is-selected').count()).toBe(0);
    const after = await ui.rpc<Footprint>('shoppers.footprint', { shopperId: shopper });
    expect(after).toMatchObject({ sessions: 0, events: 0, impressions: 0, rewards: 0 });
    await expectNoHorizontalScroll(page);

    // The audit log has the erasure with the reason; the retention panel is beside it.
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByTestId('audit-page').waitFor();
    const entry = page.locator('[data-testid="audit-entry"][data-action="shoppers.erase"]').first();
    await entry.waitFor({ timeout: 15_000 });
    expect(await entry.getByTestId('audit-reason').textContent()).toBe(REASON);
    expect(await entry.textContent()).not.toContain(shopper);

    const retention = page.getByTestId('retention-panel');
    await expect.poll(() => retention.getByTestId('retention-current').textContent(), { timeout: 15_000 }).toBe('Keep forever');
    await retention.getByTestId('retention-mode-days').check();
    await retention.getByTestId('retention-days').fill('0');
    await retention.getByTestId('retention-save').click();
    expect(await retention.getByTestId('retention-days-hint').textContent()).toMatch(/at least 1/);
    expect(await risk.getAttribute('data-state')).toBe('closed');
    await page.screenshot({ path: join(SHOTS, 'privacy-retention.png'), fullPage: true });
    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
