import { z } from 'zod';

/** Whether this runtime knows `zone` as an IANA time zone (the engine and the console check the same way). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name (`Europe/Berlin`): a rule's schedule, the day buckets of a chart. */
export const TimeZoneName = z.string().min(1).max(64).refine(isTimeZone, 'not an IANA time zone');
