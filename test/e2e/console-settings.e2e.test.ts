import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';
import { confirmRisk } from '../helpers/risk-dialog';

interface SettingsView {
  settings: { executionProvider: string };
  restartPending: string[];
  file: string;
}

describe('console settings (browser mode)', () => {
  const ui = useConsoleSession('instinct-e2e-settings-', { env: { INSTINCT_SIMULATOR: 'off' } });

  it('saves the execution-provider preference, still shows it after a reload, and shows the versions', async () => {
    const { page, errors } = await ui.open('settings');
    await page.getByTestId('settings-page').waitFor({ timeout: 30_000 });
    const provider = page.getByTestId('settings-provider');
    await provider.waitFor({ timeout: 30_000 });
    expect(await provider.inputValue()).toBe('auto');
    await provider.selectOption('cpu');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-status').textContent(), { timeout: 15_000 }).toContain('after a restart');

    const stored = await ui.rpc<SettingsView>('settings.get');
    expect(stored.settings.executionProvider).toBe('cpu');
    expect(stored.restartPending).toEqual(['executionProvider']);

    await page.reload();
    await page.getByTestId('settings-provider').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('settings-provider').inputValue()).toBe('cpu');

    const about = page.getByTestId('about-panel');
    await about.waitFor({ timeout: 15_000 });
    const text = (await about.textContent()) ?? '';
    expect(text).toMatch(/Instinct\s*0\.\d+\.\d+/);
    expect(text).toMatch(/ONNX Runtime\s*\d+\.\d+/);
    expect(text).toContain('all-MiniLM-L6-v2');

    // Browser mode shows the log folder instead of opening a file manager on the engine's machine.
    await page.getByTestId('settings-reveal-logs').click();
    await expect.poll(() => page.getByTestId('settings-logs-path').textContent()).toMatch(/Log folder: .*logs/);
    expect(errors).toEqual([]);
  });

  it('turns the after-purchase policy on from the Settings page after a confirmation that states its measured effect, and the audit log shows it', async () => {
    const REASON = 'e2e: no repeat helmets after a purchase';
    const { page, errors } = await ui.open('settings');
    const panel = page.getByTestId('after-purchase-panel');
    await panel.waitFor({ timeout: 30_000 });
    // Off by default, and the page says why, with the measured figures.
    await expect.poll(() => page.getByTestId('after-purchase-current').getAttribute('data-days'), { timeout: 15_000 }).toBe('0');
    expect(await page.getByTestId('after-purchase-measured').textContent()).toMatch(/0\.876 ± 0\.085.*0\.919 ± 0\.146.*off by default/);

    // A window that is not whole days is refused in the form, before anything is sent.
    await page.getByTestId('after-purchase-enabled').check();
    await page.getByTestId('after-purchase-days').fill('1.5');
    await page.getByTestId('after-purchase-save').click();
    expect(await page.getByTestId('after-purchase-days-hint').textContent()).toMatch(/whole number/);
    await page.getByTestId('after-purchase-days').fill('7');
    await page.getByTestId('after-purchase-save').click();

    // The confirmation states the expected effect before anything changes.
    const dialog = page.getByTestId('risk-dialog');
    await dialog.getByRole('heading', { name: 'Change what recommendations leave out after a purchase?' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => dialog.getAttribute('data-state'), { timeout: 15_000 }).toBe('ready');
    const effects = (await dialog.getByTestId('risk-effects').textContent()) ?? '';
    expect(effects).toMatch(/last 7 days/);
    expect(effects).toMatch(/0\.876 ± 0\.085 times the purchases without it/);
    await page.screenshot({ path: join(SHOTS, 'settings-after-purchase-confirm.png') });
    expect((await ui.rpc<{ days: number }>('afterPurchase.get')).days).toBe(0);
    await confirmRisk(page, REASON, { alwaysReason: true });
    await expect.poll(() => page.getByTestId('after-purchase-current').getAttribute('data-days'), { timeout: 15_000 }).toBe('7');
    expect(await page.getByTestId('after-purchase-status').textContent()).toMatch(/left out for 7 days/);
    await panel.screenshot({ path: join(SHOTS, 'settings-after-purchase.png') });
    expect(await ui.rpc<{ days: number; version: number }>('afterPurchase.get')).toMatchObject({ days: 7, version: 1 });

    // The audit log has the change, who made it and the reason.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log', exact: true }).click();
    await page.getByTestId('audit-page').waitFor();
    const entry = page.locator('[data-testid="audit-entry"][data-action="afterPurchase.set"]').first();
    await entry.waitFor({ timeout: 15_000 });
    expect(await entry.getByTestId('audit-reason').textContent()).toBe(REASON);
    expect(await entry.textContent()).toMatch(/days: 7/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a product image from another host only once Settings allows that host, and the audit log has the change', async () => {
    // A one-pixel PNG on a second local server: another origin, as a shop's image CDN would be.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const images: Server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length }).end(png));
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
    try {
      await ui.rpc('catalog.upsert', { items: [{ itemId: 'E2E-IMG-1', title: 'Zanzibar periwinkle lantern', brand: 'Lumen', category: 'Home > Lighting', price: 42, imageUrl: `${origin}/lantern.png` }] });
      const search = async (page: import('playwright-core').Page) => {
        await page.getByTestId('search-query').waitFor({ timeout: 30_000 });
        await page.getByTestId('search-query').fill('zanzibar periwinkle lantern');
        await page.getByTestId('search-query').press('Enter');
        const card = page.locator('[data-testid="product-card"][data-item-id="E2E-IMG-1"]');
        await card.waitFor({ timeout: 30_000 });
        return card;
      };

      // Not allowed yet: the policy blocks the image and the card says why it shows none.
      const first = await ui.open('search');
      const blockedCard = await search(first.page);
      await blockedCard.getByTestId('product-image-failed').waitFor({ timeout: 15_000 });
      expect(first.errors.every((e) => /Content Security Policy/.test(e))).toBe(true);
      await first.page.close();

      // Settings lists the catalogue's image host; one click allows it, and the page offers the reload.
      const { page, errors } = await ui.open('settings');
      const found = page.locator(`[data-testid="image-host-found"][data-origin="${origin}"]`);
      await found.waitFor({ timeout: 30_000 });
      expect(await found.getAttribute('data-allowed')).toBe('false');
      await found.getByTestId('image-host-allow').click();
      await expect.poll(() => found.getAttribute('data-allowed'), { timeout: 15_000 }).toBe('true');
      await page.locator(`[data-testid="image-host"][data-origin="${origin}"]`).waitFor();
      // A host with a path is refused in the form.
      await page.getByTestId('image-host-input').fill('cdn.example.com/images');
      await page.getByTestId('image-host-add').click();
      expect(await page.getByTestId('image-host-hint').textContent()).toMatch(/no path/);
      await page.getByTestId('image-hosts-panel').screenshot({ path: join(SHOTS, 'settings-image-hosts.png') });
      await page.getByTestId('image-hosts-reload-now').click();
      await page.getByTestId('image-hosts-panel').waitFor({ timeout: 30_000 });
      await expect.poll(() => page.getByTestId('image-hosts-reload').count(), { timeout: 15_000 }).toBe(0);
      expect((await ui.rpc<{ settings: { imageOrigins: string[] } }>('settings.get')).settings.imageOrigins).toEqual([origin]);
      expect(errors).toEqual([]);
      await page.close();

      // Now the image loads.
      const second = await ui.open('search');
      const card = await search(second.page);
      const image = card.getByTestId('product-image');
      await image.waitFor({ timeout: 15_000 });
      await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBe(1);
      expect(second.errors).toEqual([]);

      // The audit log has the change.
      await second.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log', exact: true }).click();
      const entry = second.page.locator('[data-testid="audit-entry"][data-action="settings.set"]').first();
      await entry.waitFor({ timeout: 15_000 });
      expect(await entry.textContent()).toContain(origin);
      await second.page.close();
    } finally {
      await new Promise<void>((resolve) => images.close(() => resolve()));
    }
  }, 120_000);
});
