/**
 * Exponential time decay without touching every count on every event: a value is stored in
 * units of "weight as of the landmark time", i.e. w * 2^((ts - landmark) / halfLife). All
 * stored values share the same decay since then, so ranks never need the current time;
 * `asOf` converts to "decayed weight at time t". When the exponent grows large the owner
 * rescales every value once (`rebase`), which happens about every few weeks of event time.
 */
export class DecayClock {
  readonly lambda: number;
  private landmark: number | undefined;

  constructor(readonly halfLifeMs: number) {
    if (!(halfLifeMs > 0)) throw new RangeError(`half-life must be positive, got ${halfLifeMs}`);
    this.lambda = Math.LN2 / halfLifeMs;
  }

  /** Weight `w` at time `ts` in landmark units. */
  scaled(w: number, ts: number): number {
    this.landmark ??= ts;
    return w * Math.exp(this.lambda * (ts - this.landmark));
  }

  /** A value in landmark units as a decayed weight at time `ts`. */
  asOf(value: number, ts: number): number {
    return this.landmark === undefined ? value : value * Math.exp(-this.lambda * (ts - this.landmark));
  }

  /** When true, the owner should call `rebase(ts)` and multiply every stored value by its result. */
  needsRebase(ts: number): boolean {
    return this.landmark !== undefined && this.lambda * (ts - this.landmark) > 40;
  }

  rebase(ts: number): number {
    const factor = this.landmark === undefined ? 1 : Math.exp(-this.lambda * (ts - this.landmark));
    this.landmark = ts;
    return factor;
  }

  reset(): void {
    this.landmark = undefined;
  }
}
