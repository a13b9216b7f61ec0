/**
 * Issue #16, item 5: timestamps were guessed: "-5" was stored as 2001-05-01, "2024-02-30" as
 * 2024-03-01, "12/05/2024" as 5 December (a locale guess), without a warning.
 * Checked failing before the fix: on the previous commit all three rows below were stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../../src/main/engine/import/timestamps';
import { tempEngine } from '../../../helpers/temp-dir';

describe('strict timestamps', () => {
  it('accepts epoch ms, epoch seconds and ISO 8601 with an offset', () => {
    expect(parseTimestamp('ts', 1_767_261_600_000)).toBe(1_767_261_600_000);
    expect(parseTimestamp('ts', '1767261600')).toBe(1_767_261_600_000);
    expect(parseTimestamp('ts', '1767261600.25')).toBe(1_767_261_600_250);
    expect(parseTimestamp('ts', '2026-01-01T10:00:00Z')).toBe(Date.UTC(2026, 0, 1, 10));
    expect(parseTimestamp('ts', '2026-01-01 12:00:00.5+02:00')).toBe(Date.UTC(2026, 0, 1, 10, 0, 0, 500));
    expect(parseTimestamp('ts', '2024-02-29T23:59:59-0130')).toBe(Date.UTC(2024, 2, 1, 1, 29, 59));
  });

  it.each([
    ['-5', /negative/],
    ['2024-02-30T10:00:00Z', /February 2024 has 29 days/],
    ['2023-02-29T10:00:00Z', /February 2023 has 28 days/],
    ['2024-13-01T10:00:00Z', /no month 13/],
    ['2024-05-12T24:00:00Z', /impossible time/],
    ['12/05/2024', /day\/month orders/],
    ['2024-05-12', /without a time and UTC offset/],
    ['2024-05-12T10:00:00', /no UTC offset/],
    ['0069-01-01T00:00:00Z', /before 1970/],
    ['yesterday', /not a timestamp/],
  ])('refuses %s', (value, reason) => {
    expect(() => parseTimestamp('ts', value)).toThrow(reason);
  });

  describe('through an import', () => {
    let env: ReturnType<typeof tempEngine>;
    beforeEach(() => (env = tempEngine()));
    afterEach(() => env.cleanup());

    it('rejects guessed dates with the field and keeps the good rows', async () => {
      const csv = ['id,type,shopper_id,item_id,ts', 'a,view,u,P,-5', 'b,view,u,P,2024-02-30T10:00:00Z', 'c,view,u,P,12/05/2024', 'd,view,u,P,2024-05-12T10:00:00+02:00', ''].join('\n');
      const report = await env.engine.imports.importText('t.csv', csv, 'csv', 'events');
      expect(report).toMatchObject({ stored: 1, rejected: 3 });
      expect(report.rejections.map((r) => [r.line, r.field])).toEqual([
        [2, 'ts'],
        [3, 'ts'],
        [4, 'ts'],
      ]);
      expect(env.engine.events.recent({ limit: 5 }).map((e) => [e.id, e.ts])).toEqual([['d', Date.UTC(2024, 4, 12, 8)]]);
    });
  });
});
