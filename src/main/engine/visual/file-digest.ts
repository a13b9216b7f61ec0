import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { ModelFileError } from '../inference/errors';

/** sha256 of a model file; a missing or unreadable file is a `ModelFileError` naming it. */
export function modelFileDigest(path: string): string {
  try {
    return sha256FileSync(path);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ModelFileError(path, missing ? 'missing' : 'unreadable', missing ? 'no such file' : err instanceof Error ? err.message : String(err));
  }
}

/** sha256 of a file, read in 1 MiB pieces (an .npy of vectors can be large); fs errors pass through. */
export function sha256FileSync(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(1 << 20);
    let position = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, position);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      position += n;
    }
    return hash.digest('hex');
  } finally {
    closeSync(fd);
  }
}

export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A source name from a file name: `Product Images v2.npy` → `Product-Images-v2`. */
export function sourceNameOf(fileName: string): string {
  const stem = basename(fileName, extname(fileName)).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return stem.slice(0, 64) || 'vectors';
}
