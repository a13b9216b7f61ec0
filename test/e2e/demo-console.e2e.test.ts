import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';

describe('browser-mode console on the demo data', () => {
  const ui = useConsoleSession('instinct-e2e-');

  it('serves the demo data, and events ingested over HTTP appear in the live feed', async () => {
    const stats = await fetch(`${ui.demo.url}/rpc/stats.get`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ui.demo.token}` }, body: '{}' });
    const body = (await stats.json()) as { ok: boolean; result: { items: number; events: number } };
    expect(body.ok).toBe(true);
    expect(body.result.items).toBeGreaterThan(1000);
    expect(body.result.events).toBeGreaterThan(1000);

    const page = await ui.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(ui.demo.consoleUrl);
    const feed = page.getByTestId('live-feed');
    await feed.waitFor({ timeout: 30_000 });
    // The first paint shows the stored demo events.
    await expect.poll(() => page.getByTestId('feed-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    const ids = ['e2e-view-1', 'e2e-cart-1', 'e2e-search-1'];
    const res = await fetch(`${ui.demo.url}/rpc/events.ingest`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ui.demo.token}` },
      body: JSON.stringify({
        events: [
          { id: ids[0], type: 'view', shopperId: 'e2e-shopper', itemId: 'P000001' },
          { id: ids[1], type: 'add_to_cart', shopperId: 'e2e-shopper', itemId: 'P000001', price: 12.5, quantity: 2 },
          { id: ids[2], type: 'search', shopperId: 'e2e-shopper', query: 'running shoes' },
        ],
      }),
    });
    expect(res.status).toBe(200);
    for (const id of ids) await page.locator(`[data-testid="feed-row"][data-event-id="${id}"]`).waitFor({ timeout: 15_000 });
    // Newest first. The demo's simulated shoppers keep sending events, so one of theirs may already
    // sit above these: compare the order of this test's own rows.
    const order = async (): Promise<string[]> => (await page.locator('[data-testid="feed-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event-id') ?? ''))).filter((id) => ids.includes(id));
    await expect.poll(order).toEqual([ids[2], ids[1], ids[0]]);
    await page.screenshot({ path: join(SHOTS, 'live-feed.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses the console without the token', async () => {
    const res = await fetch(`${ui.demo.url}/`);
    expect(res.status).toBe(401);
  });
});
