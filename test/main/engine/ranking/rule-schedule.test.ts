import { describe, expect, it } from 'vitest';
import { RuleInput, type Rule } from '../../../../src/shared/contract/recommendations';
import { epochOfLocal, localInputOf } from '../../../../src/shared/contract/zone-time';
import { isRuleActive } from '../../../../src/main/engine/ranking/rules/rule-activity';
import { insideSchedule } from '../../../../src/main/engine/ranking/rules/rule-schedule';
import { rule } from './ranking-fixtures';

const NY = 'America/New_York';
const at = (local: string, zone: string): number => {
  const ts = epochOfLocal(local, zone);
  if (ts === undefined) throw new Error(`bad local time ${local}`);
  return ts;
};
const on = (r: Rule, now: number): boolean => isRuleActive(r, 'search', now, { query: 'shoes', category: null });

describe('rule schedules', () => {
  it('converts wall-clock times in a zone to instants, across a DST change', () => {
    // New York: EST (UTC-5) until 2026-03-08 02:00, then EDT (UTC-4).
    expect(new Date(at('2026-03-07T09:00', NY)).toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(new Date(at('2026-03-09T09:00', NY)).toISOString()).toBe('2026-03-09T13:00:00.000Z');
    // A skipped time (02:30 does not happen that night) is read after the jump; a repeated one (fall back) is its first occurrence.
    expect(new Date(at('2026-03-08T02:30', NY)).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(new Date(at('2026-11-01T01:30', NY)).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(new Date(at('2026-06-01T09:00', 'Asia/Kolkata')).toISOString()).toBe('2026-06-01T03:30:00.000Z');
    expect(localInputOf(Date.UTC(2026, 2, 8, 7, 0), NY)).toBe('2026-03-08T03:00');
    expect(epochOfLocal('not a time', NY)).toBeUndefined();
  });

  it('a rule starting at local 09:00 on the day after the DST change starts at 13:00 UTC, not 14:00', () => {
    const r = rule({ kind: 'boost', target: { type: 'brand', brand: 'Odd' }, startsAt: at('2026-03-09T09:00', NY), endsAt: at('2026-03-16T09:00', NY), schedule: { timeZone: NY, windows: [] } });
    expect(on(r, Date.UTC(2026, 2, 9, 12, 59))).toBe(false);
    expect(on(r, Date.UTC(2026, 2, 9, 13, 0))).toBe(true);
    expect(on(r, Date.UTC(2026, 2, 16, 12, 59))).toBe(true);
    expect(on(r, Date.UTC(2026, 2, 16, 13, 0))).toBe(false);
  });

  it('a weekly window is read in its zone: the same instant is inside in one zone and outside in another', () => {
    const weekdays9to17 = [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }];
    // Monday 2026-06-01 15:00 UTC = 11:00 in New York, 00:00 Tuesday in Tokyo.
    const instant = Date.UTC(2026, 5, 1, 15, 0);
    expect(insideSchedule({ timeZone: NY, windows: weekdays9to17 }, instant)).toBe(true);
    expect(insideSchedule({ timeZone: 'Asia/Tokyo', windows: weekdays9to17 }, instant)).toBe(false);
    // The window follows local time through DST: 09:00 local is 14:00 UTC in winter, 13:00 UTC in summer.
    const nineLocal = rule({ kind: 'bury', target: { type: 'brand', brand: 'Odd' }, schedule: { timeZone: NY, windows: weekdays9to17 } });
    expect(on(nineLocal, Date.UTC(2026, 2, 6, 13, 30))).toBe(false); // Friday 08:30 EST
    expect(on(nineLocal, Date.UTC(2026, 2, 6, 14, 0))).toBe(true); // Friday 09:00 EST
    expect(on(nineLocal, Date.UTC(2026, 2, 9, 13, 0))).toBe(true); // Monday 09:00 EDT
    expect(on(nineLocal, Date.UTC(2026, 2, 7, 15, 0))).toBe(false); // Saturday
    expect(on(nineLocal, Date.UTC(2026, 2, 9, 21, 0))).toBe(false); // Monday 17:00 EDT: the end is exclusive
  });

  it('an overnight window runs past midnight into the next day', () => {
    const friNight = { timeZone: 'Europe/Berlin', windows: [{ days: [5], from: '22:00', to: '02:00' }] };
    expect(insideSchedule(friNight, at('2026-06-05T23:30', 'Europe/Berlin'))).toBe(true); // Friday
    expect(insideSchedule(friNight, at('2026-06-06T01:59', 'Europe/Berlin'))).toBe(true); // Saturday morning
    expect(insideSchedule(friNight, at('2026-06-06T02:00', 'Europe/Berlin'))).toBe(false);
    expect(insideSchedule(friNight, at('2026-06-06T23:30', 'Europe/Berlin'))).toBe(false); // Saturday night
    expect(insideSchedule(friNight, at('2026-06-05T01:00', 'Europe/Berlin'))).toBe(false); // Friday morning (Thursday not listed)
  });

  it('the contract refuses an unknown zone and a malformed window time', () => {
    const base = { kind: 'boost', target: { type: 'brand', brand: 'Odd' } };
    expect(RuleInput.safeParse({ ...base, schedule: { timeZone: 'Mars/Olympus', windows: [] } }).success).toBe(false);
    expect(RuleInput.safeParse({ ...base, schedule: { timeZone: NY, windows: [{ days: [1], from: '9:00', to: '17:00' }] } }).success).toBe(false);
    expect(RuleInput.safeParse({ ...base, schedule: { timeZone: NY, windows: [{ days: [7], from: '09:00', to: '17:00' }] } }).success).toBe(false);
    expect(RuleInput.safeParse({ ...base, schedule: { timeZone: NY, windows: [{ days: [1], from: '09:00', to: '17:00' }] } }).success).toBe(true);
  });
});
