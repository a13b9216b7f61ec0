/**
 * A shopper's export is saved by the console as a blob download; Chromium writes it with the umask's
 * mode (0644 here), readable by every user. The session's 'will-download' handler tightens it. The
 * Electron binary cannot run here: a fake DownloadItem stands in for Electron's.
 */
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadFromConsole, keepDownloadPrivate, type DownloadLike } from '../../../src/main/glue/private-downloads';
import { APP_ORIGIN } from '../../../src/main/glue/navigation-policy';
import { tempDir } from '../../helpers/temp-dir';

type DoneState = 'completed' | 'cancelled' | 'interrupted';

/** A DownloadItem whose 'done' the test fires. */
function fakeDownload(url: string, savePath: string): DownloadLike & { finish: (state: DoneState) => void } {
  let done: ((event: unknown, state: DoneState) => void) | undefined;
  return {
    getURL: () => url,
    getSavePath: () => savePath,
    once: (_event, listener) => (done = listener),
    finish: (state) => done?.({}, state),
  };
}

describe('downloads from the console', () => {
  it("recognises the console's own blob: URLs, exactly", () => {
    expect(downloadFromConsole('blob:app://console/5b1d6c1e-0000-4000-8000-000000000000', APP_ORIGIN)).toBe(true);
    expect(downloadFromConsole('blob:https://engine.example:8443/5b1d', 'https://engine.example:8443')).toBe(true);
    for (const url of ['blob:app://console.evil/5b1d', 'blob:https://evil.example/5b1d', 'https://evil.example/export.json', 'data:application/json,{}', 'not a url']) {
      expect(downloadFromConsole(url, APP_ORIGIN)).toBe(false);
    }
    expect(downloadFromConsole('blob:app://console/5b1d', 'https://engine.example:8443')).toBe(false);
  });
});

describe.skipIf(process.platform === 'win32')('keepDownloadPrivate', () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    dir = tempDir('instinct-download-');
    file = join(dir.dir, 'shopper-s1.json');
    writeFileSync(file, '{"events":[]}\n');
    chmodSync(file, 0o644);
  });
  afterEach(() => dir.cleanup());

  it("makes a completed download from the console's origin readable by this user only", async () => {
    const item = fakeDownload('blob:app://console/5b1d6c1e', file);
    const result = keepDownloadPrivate(item, APP_ORIGIN);
    item.finish('completed');
    expect(await result).toBe('tightened');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('leaves cancelled downloads, other origins and Windows alone', async () => {
    const cancelled = fakeDownload('blob:app://console/5b1d6c1e', file);
    const pending = keepDownloadPrivate(cancelled, APP_ORIGIN);
    cancelled.finish('cancelled');
    expect(await pending).toBe('skipped');
    expect(await keepDownloadPrivate(fakeDownload('https://evil.example/x.json', file), APP_ORIGIN)).toBe('skipped');
    expect(await keepDownloadPrivate(fakeDownload('blob:app://console/5b1d6c1e', file), APP_ORIGIN, { platform: 'win32' })).toBe('skipped');
    expect(statSync(file).mode & 0o777).toBe(0o644);
  });

  it('logs a failure by the file name only', async () => {
    const item = fakeDownload('blob:app://console/5b1d6c1e', file);
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const result = keepDownloadPrivate(item, APP_ORIGIN, { chmodFile: () => Promise.reject(Object.assign(new Error(`EPERM: ${file}`), { code: 'EPERM' })) });
      item.finish('completed');
      expect(await result).toBe('failed');
    } finally {
      console.warn = warn;
    }
    expect(warnings).toEqual(['[app] could not make the download shopper-s1.json private: EPERM']);
  });
});
