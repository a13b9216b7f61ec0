/** Editing a rule form's weekly windows: add, change and remove one, and the errors each edit clears. */
import { RULE_WINDOWS_MAX } from '../transport/contract';
import { NEW_WINDOW, windowField, type RuleFieldErrors, type WindowValues } from './ruleForm';

/** The windows with a new one at the end (office hours, no days yet); unchanged at the contract's most. */
export function withWindowAdded(windows: readonly WindowValues[]): WindowValues[] {
  if (windows.length >= RULE_WINDOWS_MAX) return [...windows];
  return [...windows, { ...NEW_WINDOW, days: [] }];
}

export function withWindowRemoved(windows: readonly WindowValues[], index: number): WindowValues[] {
  return windows.filter((_, i) => i !== index);
}

export function withWindowChanged(windows: readonly WindowValues[], index: number, patch: Partial<WindowValues>): WindowValues[] {
  return windows.map((w, i) => (i === index ? { ...w, ...patch } : w));
}

/** A day ticked or unticked, the days kept in week order. */
export function toggledDay(days: readonly number[], day: number, on: boolean): number[] {
  const rest = days.filter((d) => d !== day);
  return (on ? [...rest, day] : rest).sort((a, b) => a - b);
}

/**
 * The errors left after an edit: changing a window clears what was said of the parts changed (and of
 * the list); adding or removing one clears every window's, since the messages' places shift.
 */
export function errorsAfterWindowEdit(errors: RuleFieldErrors, edit: { index: number; parts: readonly (keyof WindowValues)[] } | 'shift'): RuleFieldErrors {
  const kept: RuleFieldErrors = {};
  for (const [key, message] of Object.entries(errors) as [keyof RuleFieldErrors, string][]) {
    if (key === 'windows') continue;
    if (key.startsWith('windows.') && (edit === 'shift' || edit.parts.some((p) => windowField(edit.index, p) === key))) continue;
    kept[key] = message;
  }
  return kept;
}
