import { randomUUID } from 'node:crypto';
import { ContractError, type ImportFormat, type ImportReport, type ImportTarget, type ImportTask } from '../../../shared/contract';
import { ImportReportBuilder } from './import-report';
import type { ImportControl } from './import-run';

/** Imports waiting behind the running one at most: each may hold a file's text in memory. */
export const MAX_WAITING_IMPORTS = 4;
/** Finished imports the console can still see. */
const KEEP_FINISHED = 20;
const PROGRESS_EVERY_MS = 250;

export interface ImportSpec {
  file: string;
  format: ImportFormat;
  target: ImportTarget;
  /** Bytes or characters to read, for progress before the import starts. */
  total: number;
}

/** Runs one import to its report under the queue's control. */
export type ImportBody = (control: ImportControl) => Promise<ImportReport>;

interface Entry {
  task: ImportTask;
  body: ImportBody | undefined;
  controller: AbortController;
  resolve(report: ImportReport): void;
  reject(err: unknown): void;
}

/**
 * One import at a time per engine, the others waiting in order: imports compete with serving for
 * the event loop, and with each other for memory, so they never run side by side. Every change of
 * an import (queued, started, progress, ended) is published for the console.
 */
export class ImportQueue {
  private readonly waiting: Entry[] = [];
  private running: Entry | undefined;
  private current: Promise<void> | undefined;
  private readonly finished: ImportTask[] = [];
  private closed = false;

  constructor(private readonly publish: (task: ImportTask) => void) {}

  /** Queues an import; resolves with its report when it has run (or been cancelled). */
  enqueue(spec: ImportSpec, body: ImportBody): Promise<ImportReport> {
    if (this.closed) return Promise.reject(new ContractError('conflict', 'the engine is shutting down'));
    if (this.waiting.length >= MAX_WAITING_IMPORTS) {
      return Promise.reject(new ContractError('conflict', `the import queue is full (${this.waiting.length} imports waiting): try again when one has finished`));
    }
    const task: ImportTask = {
      importId: randomUUID(),
      file: spec.file,
      format: spec.format,
      target: spec.target,
      status: 'queued',
      queuedAt: Date.now(),
      startedAt: null,
      finishedAt: null,
      progress: { done: 0, total: spec.total, rowsRead: 0, stored: 0, rejected: 0 },
      report: null,
      error: null,
    };
    return new Promise<ImportReport>((resolve, reject) => {
      this.waiting.push({ task, body, controller: new AbortController(), resolve, reject });
      this.publish({ ...task });
      this.pump();
    });
  }

  /** Newest first: the running import, the waiting ones, then the recently finished. */
  list(): ImportTask[] {
    return [...(this.running ? [this.running.task] : []), ...this.waiting.map((e) => e.task), ...[...this.finished].reverse()].map((t) => ({ ...t }));
  }

  cancel(importId: string): ImportTask {
    if (this.running?.task.importId === importId) {
      this.running.controller.abort();
      return { ...this.running.task };
    }
    const index = this.waiting.findIndex((e) => e.task.importId === importId);
    if (index >= 0) {
      const [entry] = this.waiting.splice(index, 1) as [Entry];
      const report = new ImportReportBuilder(entry.task.file, entry.task.format, entry.task.target).report;
      report.cancelled = true;
      this.settle(entry, 'cancelled', report, null);
      entry.resolve(report);
      return { ...entry.task };
    }
    const done = this.finished.find((t) => t.importId === importId);
    if (done) return { ...done };
    throw new ContractError('not_found', `importId: no import ${importId}`, [{ path: 'importId', message: 'not found' }]);
  }

  /** Cancels what waits, stops what runs after its current chunk, and waits for it. */
  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.waiting.splice(0)) {
      const report = new ImportReportBuilder(entry.task.file, entry.task.format, entry.task.target).report;
      report.cancelled = true;
      this.settle(entry, 'cancelled', report, null);
      entry.resolve(report);
    }
    this.running?.controller.abort();
    await this.current;
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const entry = this.waiting.shift();
    if (!entry) return;
    this.running = entry;
    this.current = this.run(entry).finally(() => {
      this.running = undefined;
      this.current = undefined;
      this.pump();
    });
  }

  private async run(entry: Entry): Promise<void> {
    const { task } = entry;
    task.status = 'running';
    task.startedAt = Date.now();
    this.publish({ ...task });
    let lastPublished = 0;
    const control: ImportControl = {
      signal: entry.controller.signal,
      progress: (report, done, total) => {
        task.progress = { done, total, rowsRead: report.rowsRead, stored: report.stored, rejected: report.rejected };
        const now = Date.now();
        if (now - lastPublished >= PROGRESS_EVERY_MS) {
          lastPublished = now;
          this.publish({ ...task });
        }
      },
    };
    const body = entry.body as ImportBody;
    // The body (and the text it holds) is released as soon as the import ends.
    entry.body = undefined;
    try {
      const report = await body(control);
      this.settle(entry, report.cancelled ? 'cancelled' : 'succeeded', report, null);
      entry.resolve(report);
    } catch (err) {
      this.settle(entry, 'failed', null, err instanceof Error ? err.message : String(err));
      entry.reject(err);
    }
  }

  private settle(entry: Entry, status: ImportTask['status'], report: ImportReport | null, error: string | null): void {
    const { task } = entry;
    task.status = status;
    task.finishedAt = Date.now();
    task.error = error;
    // The finished list keeps the counts, not the rejected rows: the caller got the full report.
    task.report = report ? { ...report, rejections: report.rejections.slice(0, 20), warnings: report.warnings.slice(0, 20) } : null;
    if (report) task.progress = { ...task.progress, rowsRead: report.rowsRead, stored: report.stored, rejected: report.rejected };
    this.finished.push(task);
    if (this.finished.length > KEEP_FINISHED) this.finished.shift();
    this.publish({ ...task });
  }
}
