import type { RuleSchedule, RuleWindow } from '../../../../shared/contract/recommendations';
import { localParts } from '../../../../shared/contract/zone-time';

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Is local time (weekday, minute of day) inside the window? A window whose end is not after its start runs past midnight into the next day. */
function insideWindow(w: RuleWindow, weekday: number, minute: number): boolean {
  const from = minutesOf(w.from);
  const to = minutesOf(w.to);
  if (from < to) return w.days.includes(weekday) && minute >= from && minute < to;
  // Overnight (or a whole day when from = to): the evening part on a listed day, the morning part on the day after.
  return (w.days.includes(weekday) && minute >= from) || (w.days.includes((weekday + 6) % 7) && minute < to);
}

/** Is instant `now` inside one of the schedule's weekly windows, read in its time zone? No windows = always. */
export function insideSchedule(schedule: RuleSchedule, now: number): boolean {
  if (schedule.windows.length === 0) return true;
  const p = localParts(now, schedule.timeZone);
  const minute = p.hour * 60 + p.minute;
  return schedule.windows.some((w) => insideWindow(w, p.weekday, minute));
}
