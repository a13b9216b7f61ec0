/**
 * What an estimator computes from a log, in a form the bootstrap can resample cheaply: each list
 * adds its contribution to a fixed-length vector of sums, and the estimates are a function of the
 * summed vector and the number of lists. IPS, SNIPS, DR, the position-based estimator (with its
 * examination curve re-estimated in every replicate) and serving's mean are all of this form.
 */
export interface ListStatistic {
  /** Length of the sum vector. */
  readonly length: number;
  /** Number of estimates `value` returns. */
  readonly outputs: number;
  /** Adds list i's contribution to `out`, starting at `offset`. */
  add(i: number, out: Float64Array, offset: number): void;
  /** The estimates from contributions summed over `lists` lists (null where undefined, e.g. nothing to normalise by). */
  value(sums: Float64Array, offset: number, lists: number): (number | null)[];
}

/** Several statistics as one, so they share the same pass over the lists and the same bootstrap replicates. */
export function combineStatistics(parts: readonly ListStatistic[]): ListStatistic {
  const offsets: number[] = [];
  let length = 0;
  for (const p of parts) {
    offsets.push(length);
    length += p.length;
  }
  return {
    length,
    outputs: parts.reduce((n, p) => n + p.outputs, 0),
    add(i, out, offset) {
      for (let n = 0; n < parts.length; n++) (parts[n] as ListStatistic).add(i, out, offset + (offsets[n] as number));
    },
    value(sums, offset, lists) {
      return parts.flatMap((p, n) => p.value(sums, offset + (offsets[n] as number), lists));
    },
  };
}

/** Cuts a combined statistic's outputs back into its parts' outputs. */
export function splitOutputs<T>(parts: readonly ListStatistic[], values: readonly T[]): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (const p of parts) {
    out.push(values.slice(at, at + p.outputs));
    at += p.outputs;
  }
  return out;
}
