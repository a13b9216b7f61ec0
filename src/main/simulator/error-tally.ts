import { errorKind } from './call-error';

/** Counts errors by kind and logs the first of each kind only, so a failing engine cannot flood the demo's output. */
export class ErrorTally {
  private readonly byKind = new Map<string, number>();

  constructor(private readonly log: (line: string) => void) {}

  record(err: unknown): void {
    const kind = errorKind(err);
    const seen = this.byKind.get(kind) ?? 0;
    this.byKind.set(kind, seen + 1);
    if (seen === 0) {
      const message = err instanceof Error ? err.message : String(err);
      this.log(`[simulator] ${message} (further "${kind}" errors are counted, not logged)`);
    }
  }

  get total(): number {
    let n = 0;
    for (const count of this.byKind.values()) n += count;
    return n;
  }

  /** Count per kind. */
  kinds(): Record<string, number> {
    return Object.fromEntries(this.byKind);
  }
}
