import type { SessionInspection } from '../transport/contract';

/** Titles the inspection already carries: every replayed recommendation names its item. */
export function titlesFromInspection(inspection: SessionInspection): Record<string, string> {
  const titles: Record<string, string> = {};
  for (const step of inspection.steps) for (const item of step.recommendations) titles[item.itemId] = item.title;
  return titles;
}

/** Item ids named by the session's events whose titles are not known yet, in first-seen order. */
export function missingTitles(inspection: SessionInspection, known: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const step of inspection.steps) {
    const id = step.event.itemId;
    if (id && !seen.has(id) && known[id] === undefined) out.push(id);
    if (id) seen.add(id);
  }
  return out;
}

/** Shares as bar widths: each relative to the largest, so the leader fills the row. */
export function shareBars(shares: ReadonlyArray<{ name: string; share: number }>, limit = 5): Array<{ name: string; share: number; width: number }> {
  const top = [...shares].sort((a, b) => b.share - a.share).slice(0, limit).filter((s) => s.share >= 0.005);
  const max = Math.max(1e-9, ...top.map((s) => s.share));
  return top.map((s) => ({ ...s, width: Math.max(0, Math.min(1, s.share / max)) }));
}
