import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_IMPORT_TEXT_BYTES, type OpenedFile } from '../../shared/contract';
import type { TopicBus } from '../engine/bus/topic-bus';

/**
 * Files held at once (being read, or read and waiting for the console to load): each may carry up to
 * MAX_IMPORT_TEXT_BYTES, so a launch naming thousands of files must not hold them all.
 */
export const MAX_HELD_FILES = 16;

const CHUNK_BYTES = 1024 * 1024;

/**
 * Opening a FIFO for reading blocks (a thread of libuv's pool) until a writer comes; non-blocking,
 * the open returns at once and fstat refuses it. Regular files ignore the flag. Windows has none.
 */
const OPEN_FLAGS = constants.O_RDONLY | (process.platform === 'win32' ? 0 : constants.O_NONBLOCK);

/** Why a path was not handed over. */
class Refused extends Error {}

/**
 * Reads a file the OS opened with Instinct: one handle, fstat on it (so the checks and the read are
 * of the same file), a regular file only (not a FIFO, a device such as /dev/zero behind a symbolic
 * link, or a folder), and never more than `maxBytes` + 1 bytes, whatever stat said, so a file that
 * grows meanwhile is still cut off. Over `maxBytes`: content null, the contract's "too large".
 */
export async function readOpenedFile(path: string, maxBytes: number = MAX_IMPORT_TEXT_BYTES): Promise<OpenedFile> {
  const handle = await open(path, OPEN_FLAGS);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new Refused('not a regular file');
    if (stats.size > maxBytes) return { fileName: basename(path), size: stats.size, content: null };
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    const size = Math.max(stats.size, total);
    return { fileName: basename(path), size, content: total > maxBytes ? null : Buffer.concat(chunks, total).toString('utf8') };
  } finally {
    await handle.close();
  }
}

/**
 * Hands files the OS opened with Instinct to the console (topic app.openFile → Import page). Files
 * that arrive before the console has loaded wait until `consoleReady()`, MAX_HELD_FILES at most.
 */
export class FileOpening {
  private ready = false;
  /**
   * Files in the order they were opened: being read (`file` undefined) or read and waiting. They
   * are handed over in that order, so a small file read quickly does not overtake a larger one
   * opened before it.
   */
  private readonly held: { file: OpenedFile | undefined }[] = [];

  constructor(
    private readonly bus: () => TopicBus | undefined,
    private readonly maxBytes: number = MAX_IMPORT_TEXT_BYTES,
  ) {}

  async open(path: string): Promise<void> {
    // Logs name the file only: its full path may name the user and their folders.
    const name = basename(path);
    if (this.held.length >= MAX_HELD_FILES) {
      console.warn(`[app] ${name} not opened: ${MAX_HELD_FILES} files are already waiting for the console`);
      return;
    }
    const slot: { file: OpenedFile | undefined } = { file: undefined };
    this.held.push(slot);
    try {
      slot.file = await readOpenedFile(path, this.maxBytes);
    } catch (err) {
      // An fs error's message repeats the full path: its code says enough.
      const reason = err instanceof Refused ? err.message : ((err instanceof Error && (err as NodeJS.ErrnoException).code) || 'unreadable');
      console.warn(`[app] could not open ${name}: ${reason}`);
      // Nothing to hand over: its place is freed at once.
      this.held.splice(this.held.indexOf(slot), 1);
    }
    this.handOver();
  }

  consoleReady(): void {
    this.ready = true;
    this.handOver();
  }

  /** Once the console has loaded: every file read so far, in the order opened, up to the first still being read. */
  private handOver(): void {
    const bus = this.bus();
    if (!this.ready || !bus) return;
    while (this.held.length > 0 && this.held[0]!.file !== undefined) {
      bus.publish('app.openFile', this.held.shift()!.file!);
    }
  }
}
