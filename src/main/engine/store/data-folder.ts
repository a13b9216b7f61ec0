import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Shopper data is for this user only: the store's folder 0700, the database and its WAL files 0600. */
export const FOLDER_MODE = 0o700;
export const FILE_MODE = 0o600;
const STICKY = 0o1000;

const POSIX = process.platform !== 'win32';

/**
 * Creates the store's folder and file with owner-only permissions, and tightens them when an older
 * version left them readable by others. A shared folder the store was pointed at (sticky, like
 * /tmp, or someone else's) is left as it is: only the files are tightened then.
 */
export function secureStoreFiles(file: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: FOLDER_MODE });
  if (!POSIX) return;
  const folder = statSync(dir);
  const ours = typeof process.getuid !== 'function' || folder.uid === process.getuid();
  if (ours && (folder.mode & STICKY) === 0 && (folder.mode & 0o077) !== 0) chmodSync(dir, FOLDER_MODE);
  // SQLite gives the -wal and -shm files the database file's permissions, so the file is made first.
  if (!existsSync(file)) closeSync(openSync(file, 'a', FILE_MODE));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, FILE_MODE);
  }
}
