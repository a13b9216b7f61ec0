/**
 * Files the console saves through the browser (a shopper's export is a blob download, saved by
 * Chromium with the umask's default mode, often 0644) are made readable by this user only once they
 * are complete. No `electron` import: the handler takes the parts of a DownloadItem it uses, so it
 * is unit-tested under Node with a fake.
 */
import { chmod } from 'node:fs/promises';
import { basename } from 'node:path';
import { isOwnUrl } from './navigation-policy';

export const DOWNLOAD_FILE_MODE = 0o600;

/** The parts of Electron's DownloadItem used here. */
export interface DownloadLike {
  getURL(): string;
  getSavePath(): string;
  once(event: 'done', listener: (event: unknown, state: 'completed' | 'cancelled' | 'interrupted') => void): unknown;
}

/**
 * From the console's own origin: its blob: URLs carry the page's origin (blob:app://console/<uuid>,
 * or blob:https://engine.example/<uuid> for an attached engine's console), checked exactly.
 */
export function downloadFromConsole(url: string, ownOrigin: string): boolean {
  return isOwnUrl(url.startsWith('blob:') ? url.slice('blob:'.length) : url, ownOrigin);
}

/**
 * For a download from the console (session 'will-download'): once it has completed, its file gets
 * mode 0600. Windows has no such mode bits (the file inherits its folder's ACL), so nothing is done
 * there. Resolves `done` after the change, for the tests.
 */
export function keepDownloadPrivate(
  item: DownloadLike,
  ownOrigin: string,
  options: { platform?: NodeJS.Platform; chmodFile?: (path: string, mode: number) => Promise<void> } = {},
): Promise<'tightened' | 'skipped' | 'failed'> {
  const { platform = process.platform, chmodFile = chmod } = options;
  if (platform === 'win32' || !downloadFromConsole(item.getURL(), ownOrigin)) return Promise.resolve('skipped');
  return new Promise((resolve) => {
    item.once('done', (_event, state) => {
      const path = item.getSavePath();
      if (state !== 'completed' || !path) return resolve('skipped');
      chmodFile(path, DOWNLOAD_FILE_MODE).then(
        () => resolve('tightened'),
        (err: unknown) => {
          // The base name only: the full path may name the user or their folders.
          console.warn(`[app] could not make the download ${basename(path)} private: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
          resolve('failed');
        },
      );
    });
  });
}
