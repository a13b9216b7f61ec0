/**
 * A log file with size-based rotation: instinct.log grows to `maxBytes`, then becomes instinct.1.log
 * (instinct.1.log becomes .2, ...), and the oldest beyond `maxFiles` is deleted. Writes are
 * synchronous appends so a line written just before a crash is on disk. `rotationPlan` is the pure
 * decision; `RotatingLog` applies it to a folder.
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RotationOptions {
  /** Largest size of one file before it rotates (default 5 MB). */
  maxBytes?: number;
  /** Files kept, the current one included (default 5). */
  maxFiles?: number;
  /** Base name (default 'instinct'): instinct.log, instinct.1.log ... */
  baseName?: string;
}

export const DEFAULT_ROTATION = { maxBytes: 5 * 1024 * 1024, maxFiles: 5, baseName: 'instinct' } as const;

/** Logs name shoppers, queries and paths: for this user only, like the store (engine/store/data-folder). */
export const LOG_FOLDER_MODE = 0o700;
export const LOG_FILE_MODE = 0o600;
const STICKY = 0o1000;

export function logFileName(baseName: string, index: number): string {
  return index === 0 ? `${baseName}.log` : `${baseName}.${index}.log`;
}

export type RotationStep = { kind: 'delete'; file: string } | { kind: 'rename'; from: string; to: string };

/**
 * What to do before appending `incomingBytes` to a current file of `currentBytes`: nothing while
 * it fits (or the file is empty, so one huge line is still written), else shift every file up by
 * one, deleting the one that would pass `maxFiles`. `existing(i)` says whether file i exists.
 */
export function rotationPlan(currentBytes: number, incomingBytes: number, existing: (index: number) => boolean, options: RotationOptions = {}): RotationStep[] {
  const { maxBytes, maxFiles, baseName } = { ...DEFAULT_ROTATION, ...options };
  if (currentBytes === 0 || currentBytes + incomingBytes <= maxBytes) return [];
  const steps: RotationStep[] = [];
  const last = maxFiles - 1;
  if (last <= 0) return [{ kind: 'delete', file: logFileName(baseName, 0) }];
  if (existing(last)) steps.push({ kind: 'delete', file: logFileName(baseName, last) });
  for (let i = last - 1; i >= 0; i--) {
    if (existing(i)) steps.push({ kind: 'rename', from: logFileName(baseName, i), to: logFileName(baseName, i + 1) });
  }
  return steps;
}

export class RotatingLog {
  private size: number;
  private readonly options: Required<RotationOptions>;

  constructor(readonly dir: string, options: RotationOptions = {}) {
    this.options = { ...DEFAULT_ROTATION, ...options };
    mkdirSync(dir, { recursive: true, mode: LOG_FOLDER_MODE });
    this.tightenExisting();
    this.size = this.sizeOf(0);
  }

  /**
   * `mode` applies only when a folder or file is created: an older version's 0755 folder and 0644
   * logs stay readable by others unless tightened here. A shared folder the logs were pointed at
   * (sticky, like /tmp, or someone else's) is left as it is; the files are still tightened.
   */
  private tightenExisting(): void {
    if (process.platform === 'win32') return;
    const folder = statSync(this.dir);
    const ours = typeof process.getuid !== 'function' || folder.uid === process.getuid();
    if (ours && (folder.mode & STICKY) === 0 && (folder.mode & 0o077) !== 0) chmodSync(this.dir, LOG_FOLDER_MODE);
    for (let i = 0; i < this.options.maxFiles; i++) {
      const file = join(this.dir, logFileName(this.options.baseName, i));
      try {
        if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, LOG_FILE_MODE);
      } catch {
        // Not there (or not ours to change): nothing to tighten.
      }
    }
  }

  get currentFile(): string {
    return join(this.dir, logFileName(this.options.baseName, 0));
  }

  private sizeOf(index: number): number {
    try {
      return statSync(join(this.dir, logFileName(this.options.baseName, index))).size;
    } catch {
      return 0;
    }
  }

  write(text: string): void {
    const bytes = Buffer.byteLength(text);
    const steps = rotationPlan(this.size, bytes, (i) => existsSync(join(this.dir, logFileName(this.options.baseName, i))), this.options);
    for (const step of steps) {
      if (step.kind === 'delete') rmSync(join(this.dir, step.file), { force: true });
      else renameSync(join(this.dir, step.from), join(this.dir, step.to));
    }
    if (steps.length > 0) this.size = 0;
    appendFileSync(this.currentFile, text, { mode: LOG_FILE_MODE });
    this.size += bytes;
  }
}
