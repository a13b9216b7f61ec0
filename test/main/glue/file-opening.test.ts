/**
 * A file the OS opens with Instinct was stat'ed, then read whole by path: a FIFO or a symbolic link
 * to /dev/zero named x.csv reports size 0 and was read without limit (80,000,000 bytes were handed
 * over against the 32 MiB limit), and the queue before the console loaded had no bound. Now one
 * handle, a regular file only, at most limit + 1 bytes, 16 files held at most.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_TEXT_BYTES, type OpenedFile } from '../../../src/shared/contract';
import { TopicBus } from '../../../src/main/engine/bus/topic-bus';
import { FileOpening, MAX_HELD_FILES, readOpenedFile } from '../../../src/main/glue/file-opening';
import { tempDir } from '../../helpers/temp-dir';

const POSIX = process.platform !== 'win32';

/** A FileOpening on a real bus, recording what it publishes and what it logs. */
function harness(maxBytes?: number): { opening: FileOpening; published: OpenedFile[]; warnings: string[] } {
  const bus = new TopicBus();
  const published: OpenedFile[] = [];
  bus.subscribe('app.openFile', (file) => published.push(file));
  const warnings: string[] = [];
  console.warn = (message: string) => warnings.push(message);
  return { opening: new FileOpening(() => bus, maxBytes), published, warnings };
}

/** Rejects when `promise` takes longer than `ms`: a read that blocks fails the test instead of hanging it. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms))]);
}

describe('files the OS opens with Instinct', () => {
  let dir: ReturnType<typeof tempDir>;
  const warn = console.warn;
  const writers: ChildProcess[] = [];
  beforeEach(() => {
    dir = tempDir('instinct-opened-');
  });
  afterEach(() => {
    console.warn = warn;
    for (const writer of writers.splice(0)) writer.kill('SIGKILL');
    dir.cleanup();
  });

  it('hands a small file to the console, waiting until it has loaded', async () => {
    const { opening, published, warnings } = harness();
    const path = join(dir.dir, 'events.csv');
    writeFileSync(path, 'type,shopperId\nview,s1\n');
    await opening.open(path);
    expect(published).toEqual([]);
    opening.consoleReady();
    expect(published).toEqual([{ fileName: 'events.csv', size: 23, content: 'type,shopperId\nview,s1\n' }]);
    expect(warnings).toEqual([]);
  });

  it('gives content null past the limit, and never reads more than limit + 1 bytes whatever stat says', async () => {
    const limit = 64;
    const exact = join(dir.dir, 'exact.csv');
    writeFileSync(exact, 'x'.repeat(limit));
    expect((await readOpenedFile(exact, limit)).content).toBe('x'.repeat(limit));
    const over = join(dir.dir, 'over.csv');
    writeFileSync(over, 'x'.repeat(limit + 1));
    expect(await readOpenedFile(over, limit)).toEqual({ fileName: 'over.csv', size: limit + 1, content: null });
    // Linux's /proc files are regular files whose stat size is 0: only the bounded read catches them.
    if (process.platform === 'linux') {
      const proc = await readOpenedFile('/proc/self/status', limit);
      expect(proc.content).toBeNull();
      expect(proc.size).toBe(limit + 1);
    }
  });

  it.skipIf(!POSIX)('refuses a FIFO named big.csv with limit + 1 bytes behind it, without blocking', async () => {
    const { opening, published, warnings } = harness();
    const fifo = join(dir.dir, 'big.csv');
    execFileSync('mkfifo', [fifo]);
    // The reviewer's case: a writer ready to hand over more than the limit (size 0 to stat).
    const writer = spawn('sh', ['-c', `head -c ${MAX_IMPORT_TEXT_BYTES + 1} /dev/zero > "$0"`, fifo], { stdio: 'ignore' });
    writers.push(writer);
    await within(opening.open(fifo), 2_000);
    opening.consoleReady();
    expect(published).toEqual([]);
    expect(warnings).toEqual(['[app] could not open big.csv: not a regular file']);
    // With no writer at all, opening it must not wait for one either.
    const lonely = join(dir.dir, 'lonely.csv');
    execFileSync('mkfifo', [lonely]);
    await within(opening.open(lonely), 2_000);
    expect(published).toEqual([]);
  });

  it.skipIf(!POSIX)('refuses a symbolic link z.csv to /dev/zero at once', async () => {
    const { opening, published, warnings } = harness();
    const link = join(dir.dir, 'z.csv');
    symlinkSync('/dev/zero', link);
    opening.consoleReady();
    await within(opening.open(link), 2_000);
    expect(published).toEqual([]);
    expect(warnings).toEqual(['[app] could not open z.csv: not a regular file']);
  });

  it('logs a file it cannot open by its name, never its full path', async () => {
    const { opening, warnings } = harness();
    await opening.open(join(dir.dir, 'private-folder', 'missing.csv'));
    expect(warnings).toEqual(['[app] could not open missing.csv: ENOENT']);
  });

  it(`holds at most ${MAX_HELD_FILES} files before the console has loaded, dropping the rest with a log line`, async () => {
    const { opening, published, warnings } = harness();
    const paths = Array.from({ length: MAX_HELD_FILES + 4 }, (_, i) => join(dir.dir, `f${i}.csv`));
    for (const path of paths) writeFileSync(path, 'a,b\n');
    // All at once, as a launch naming many files does: reads in flight count too.
    await Promise.all(paths.map((path) => opening.open(path)));
    opening.consoleReady();
    expect(published.map((f) => f.fileName)).toEqual(paths.slice(0, MAX_HELD_FILES).map((p) => p.slice(dir.dir.length + 1)));
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toBe(`[app] f${MAX_HELD_FILES}.csv not opened: ${MAX_HELD_FILES} files are already waiting for the console`);
    // Once the console has them, new files are handed over again.
    await opening.open(paths[0] as string);
    expect(published).toHaveLength(MAX_HELD_FILES + 1);
  });
});
