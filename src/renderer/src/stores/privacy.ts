import type { Assessment, RetentionStatus, ShopperExport, ShopperFootprint } from '../transport/contract';
import { formatDate, formatNumber } from '../i18n/format';
import { t } from '../i18n/translate';

/** The limits of `RetentionSettings.rawDataDays` in the contract. */
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 36_500;

/** The file a shopper's export is saved as. Characters a file system may refuse become `_`. */
export function exportFileName(shopperId: string): string {
  return `shopper-${shopperId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
}

/** The export as the file holds it: the engine's JSON, indented for a reader. */
export function exportText(data: ShopperExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** Saves text as a file in the browser (Blob, object URL and an `<a download>` click); no Node APIs. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

function assessment(action: string, effects: string[]): Assessment {
  return { action, effects, figures: [], worse: false, thresholdRelative: 0, missing: [], blocked: null };
}

/** What erasing the shopper deletes and what it keeps, in words, from `shoppers.footprint`. */
export function erasureAssessment(footprint: ShopperFootprint): Assessment {
  const effects = [
    t('privacy.erase.effect.rows', {
      sessions: formatNumber(footprint.sessions),
      events: formatNumber(footprint.events),
      lists: formatNumber(footprint.impressions),
      rewards: formatNumber(footprint.rewards),
    }),
  ];
  if (footprint.live) effects.push(t('privacy.erase.effect.live'));
  effects.push(t('privacy.erase.effect.behaviour'), t('privacy.erase.effect.kept'), t('privacy.erase.effect.audit'));
  return assessment('shoppers.erase', effects);
}

/** Whether going from `current` to `next` deletes more data (a first period or a shorter one): the engine then wants a reason. */
export function deletesMore(current: number | null, next: number | null): boolean {
  return next !== null && (current === null || next < current);
}

/** What setting the retention period to `days` deletes, in words (the engine counts the rows after the change). */
export function retentionAssessment(status: RetentionStatus | null, days: number, now = Date.now()): Assessment {
  const cutoff = formatDate(now - days * 86_400_000);
  const effects = [t('privacy.retention.effect.rows', { days: formatNumber(days), date: cutoff }), t('privacy.retention.effect.hourly'), t('privacy.retention.effect.kept')];
  const current = status?.settings.rawDataDays ?? null;
  if (current !== null) effects.push(t('privacy.retention.effect.current', { days: formatNumber(current) }));
  return assessment('retention.set', effects);
}

export type DaysParse = { ok: true; days: number } | { ok: false; error: string };

/** Reads the days field: a whole number of days from 1 to 36,500. */
export function parseRetentionDays(input: string): DaysParse {
  const text = input.trim();
  if (text === '') return { ok: false, error: t('retention.days.empty') };
  const value = Number(text);
  if (!Number.isFinite(value) || !/^[+-]?\d+(\.\d+)?$/.test(text)) return { ok: false, error: t('retention.days.notNumber') };
  if (!Number.isInteger(value)) return { ok: false, error: t('retention.days.whole') };
  if (value < MIN_RETENTION_DAYS) return { ok: false, error: t('retention.days.tooSmall', { min: MIN_RETENTION_DAYS }) };
  if (value > MAX_RETENTION_DAYS) return { ok: false, error: t('retention.days.tooLarge', { max: formatNumber(MAX_RETENTION_DAYS) }) };
  return { ok: true, days: value };
}
