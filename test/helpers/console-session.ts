import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import { startDemo, type DemoProcess } from './demo-process';
import { tempDir } from './temp-dir';

const ROOT = join(__dirname, '../..');
/** Screenshots of every e2e test land here (git-ignored). */
export const SHOTS = join(ROOT, 'test-results');

export interface ConsoleSession {
  readonly demo: DemoProcess;
  readonly browser: Browser;
  /** A contract call over HTTP with the demo's token; throws on an error envelope. */
  rpc<T>(method: string, input?: unknown): Promise<T>;
  /** Opens a console page (by its hash route) and collects page and console errors. */
  open(hash: string, viewport?: { width: number; height: number }): Promise<{ page: Page; errors: string[] }>;
}

/**
 * One demo engine (own data folder) and one Chromium for a describe block: started before its
 * tests, stopped after them.
 */
export function useConsoleSession(prefix: string, options: { env?: Record<string, string> } = {}): ConsoleSession {
  const data = tempDir(prefix);
  let demo: DemoProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out/renderer/index.html'))) throw new Error('out/renderer is missing: `npm test` builds it first (electron-vite build)');
    mkdirSync(SHOTS, { recursive: true });
    demo = await startDemo(data.dir, 90_000, options.env);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    data.cleanup();
  });

  const session: ConsoleSession = {
    get demo(): DemoProcess {
      if (!demo) throw new Error('the demo is not started');
      return demo;
    },
    get browser(): Browser {
      if (!browser) throw new Error('Chromium is not started');
      return browser;
    },
    async rpc<T>(method: string, input: unknown = {}): Promise<T> {
      const res = await fetch(`${session.demo.url}/rpc/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.demo.token}` },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: boolean; result: T; error?: { message: string } };
      if (!body.ok) throw new Error(`${method}: ${body.error?.message ?? res.status}`);
      return body.result;
    },
    async open(hash: string, viewport = { width: 1400, height: 1000 }): Promise<{ page: Page; errors: string[] }> {
      const page = await session.browser.newPage({ viewport });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(`${session.demo.consoleUrl}#/${hash}`);
      return { page, errors };
    },
  };
  return session;
}
