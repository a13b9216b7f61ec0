/**
 * A packaged Instinct has the nodeCliInspect fuse off (electron-builder.yml, docs/PACKAGING.md), so
 * Playwright's `_electron.launch`, which needs `--inspect` on the main process, times out on it. The
 * Electron test checks only the window, so on a packaged app it attaches to the renderer over the
 * Chrome DevTools Protocol instead, as Playwright's Electron support does for its windows.
 */
import { spawn } from 'node:child_process';
import { chromium, type Page } from 'playwright-core';

export interface AppOverCdp {
  /** The console window (app://console/...). */
  firstWindow(timeoutMs?: number): Promise<Page>;
  close(): Promise<void>;
}

const DEVTOOLS = /DevTools listening on (ws:\/\/\S+)/;

export async function launchOverCdp(executablePath: string, options: { env?: NodeJS.ProcessEnv; args?: string[]; timeoutMs?: number } = {}): Promise<AppOverCdp> {
  const { env = process.env, args = [], timeoutMs = 60_000 } = options;
  // Like Playwright's launch: no Chromium sandbox on Linux, where hosted runners may forbid it.
  const child = spawn(executablePath, ['--remote-debugging-port=0', ...(process.platform === 'linux' ? ['--no-sandbox'] : []), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGTERM quits Electron the way the app's own quit does (will-quit, the engine closes); Windows has only the hard kill.
    child.kill();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no DevTools endpoint after ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
      const look = (): void => {
        const match = DEVTOOLS.exec(stderr);
        if (!match?.[1]) return;
        clearTimeout(timer);
        child.stderr.off('data', look);
        resolve(match[1]);
      };
      child.stderr.on('data', look);
      look();
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`exited (${child.exitCode ?? child.signalCode}) before its DevTools endpoint:\n${stderr}`));
      });
    });
    const browser = await chromium.connectOverCDP(endpoint, { timeout: timeoutMs });
    return {
      async firstWindow(waitMs = timeoutMs) {
        const context = browser.contexts()[0];
        if (!context) throw new Error('no default browser context over CDP');
        const isConsole = (page: Page): boolean => !page.url().startsWith('devtools://');
        return context.pages().find(isConsole) ?? (await context.waitForEvent('page', { predicate: isConsole, timeout: waitMs }));
      },
      async close() {
        // Over CDP, close() only disconnects: the process is ended here.
        await browser.close().catch(() => undefined);
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
