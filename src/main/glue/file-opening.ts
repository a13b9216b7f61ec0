import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_IMPORT_TEXT_BYTES, type OpenedFile } from '../../shared/contract';
import type { TopicBus } from '../engine/bus/topic-bus';

/**
 * Hands files the OS opened with Instinct to the console (topic app.openFile → Import page). Files
 * that arrive before the console has loaded wait until `consoleReady()`.
 */
export class FileOpening {
  private ready = false;
  private readonly waiting: OpenedFile[] = [];

  constructor(private readonly bus: () => TopicBus | undefined) {}

  async open(path: string): Promise<void> {
    let file: OpenedFile;
    try {
      const size = (await stat(path)).size;
      file = { fileName: basename(path), size, content: size <= MAX_IMPORT_TEXT_BYTES ? await readFile(path, 'utf8') : null };
    } catch (err) {
      console.warn(`[app] could not open ${path}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const bus = this.bus();
    if (this.ready && bus) bus.publish('app.openFile', file);
    else this.waiting.push(file);
  }

  consoleReady(): void {
    this.ready = true;
    const bus = this.bus();
    if (!bus) return;
    for (const file of this.waiting.splice(0)) bus.publish('app.openFile', file);
  }
}
