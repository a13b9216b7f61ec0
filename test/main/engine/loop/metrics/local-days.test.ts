import { describe, expect, it } from 'vitest';
import { localDays } from '../../../../../src/main/engine/loop/metrics/local-days';

const HOUR = 3_600_000;

describe('local days for a chart’s day buckets', () => {
  // Europe/Berlin goes from CET (+1) to CEST (+2) at 2025-03-30 01:00 UTC.
  const march20At11 = Date.UTC(2025, 2, 20, 10); // 11:00 CET
  const march20At23 = Date.UTC(2025, 2, 20, 22); // 23:00 CET
  const april10At12 = Date.UTC(2025, 3, 10, 10); // 12:00 CEST

  it('with the zone, dates every day by its own offset across a daylight-saving change', () => {
    const days = localDays('Europe/Berlin', 120);
    expect(days.startOf(march20At11)).toBe(Date.UTC(2025, 2, 19, 23));
    expect(days.startOf(march20At23)).toBe(Date.UTC(2025, 2, 19, 23));
    expect(days.startOf(april10At12)).toBe(Date.UTC(2025, 3, 9, 22));
    expect(days.numberOf(march20At23)).toBe(days.numberOf(march20At11));
    // The change day is 23 hours long, and still one day.
    expect(days.numberOf(Date.UTC(2025, 2, 30, 21, 59)) - days.numberOf(Date.UTC(2025, 2, 29, 23))).toBe(0);
    expect(days.numberOf(april10At12) - days.numberOf(march20At11)).toBe(21);
  });

  it('with one fixed offset (today’s), the days before the change are cut an hour off: what the zone fixes', () => {
    const fixed = localDays(undefined, 120);
    // 23:00 CET is 00:00 at +2: the late list lands on the next day.
    expect(fixed.numberOf(march20At23)).toBe(fixed.numberOf(march20At11) + 1);
    expect(fixed.startOf(april10At12)).toBe(Date.UTC(2025, 3, 9, 22));
    expect(fixed.startOf(march20At11 + HOUR)).toBe(Date.UTC(2025, 2, 19, 22));
  });

  it('keeps UTC days exact for the UTC zone', () => {
    const days = localDays('UTC', 0);
    expect(days.startOf(Date.UTC(2025, 0, 1, 23, 30))).toBe(Date.UTC(2025, 0, 1));
    expect(days.numberOf(Date.UTC(2025, 0, 2))).toBe(Date.UTC(2025, 0, 2) / 86_400_000);
  });
});
