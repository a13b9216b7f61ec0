import { epochOfLocal, localParts } from '../../../../shared/contract';

const DAY_MS = 86_400_000;

/** Calendar days as a viewer sees them: where an instant's local day starts, and the day's number. */
export interface LocalDays {
  /** The instant (epoch ms) of local midnight starting `t`'s day: a chart's day bucket. */
  startOf(t: number): number;
  /** `t`'s local calendar day as a count of days since 1970-01-01: consecutive days differ by 1, DST or not. */
  numberOf(t: number): number;
}

/**
 * Cuts instants at the local midnights of `zone`, each day with its own offset, so a chart spanning
 * a daylight-saving change dates every day right; without a zone, one fixed offset for every day (the
 * offset the viewer's clock has now, which misdates the days on the other side of a change).
 * Instants are hour buckets here, so answers are kept per instant.
 */
export function localDays(zone: string | undefined, offsetMinutes: number): LocalDays {
  if (zone === undefined) {
    const offset = offsetMinutes * 60_000;
    return { startOf: (t) => Math.floor((t + offset) / DAY_MS) * DAY_MS - offset, numberOf: (t) => Math.floor((t + offset) / DAY_MS) };
  }
  const numbers = new Map<number, number>();
  const starts = new Map<number, number>();
  const numberOf = (t: number): number => {
    let n = numbers.get(t);
    if (n === undefined) {
      const p = localParts(t, zone);
      n = Date.UTC(p.year, p.month - 1, p.day) / DAY_MS;
      numbers.set(t, n);
    }
    return n;
  };
  return {
    numberOf,
    startOf: (t) => {
      const n = numberOf(t);
      let start = starts.get(n);
      if (start === undefined) {
        // A midnight the clocks skip (a zone that changes at 00:00) is taken after the jump.
        start = epochOfLocal(`${new Date(n * DAY_MS).toISOString().slice(0, 10)}T00:00`, zone) ?? t;
        starts.set(n, start);
      }
      return start;
    },
  };
}
