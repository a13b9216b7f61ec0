import type { Job } from '../transport/contract';

/** One point of a fine-tune job's training curves: the step is the job's `progress.done`. */
export interface CurvePoint {
  step: number;
  /** The validated epoch (the job's own count); null during the refit. */
  epoch: number | null;
  loss: number | null;
  valNdcg: number | null;
  /** The refit epoch, on the refit's steps. */
  refit?: number;
}

/** Curves per job id. */
export type CurveHistory = Readonly<Record<string, readonly CurvePoint[]>>;

/** Past this many points a curve is thinned to every second point (the first and the latest kept), so memory stays flat. */
export const CURVE_POINT_LIMIT = 1000;

export const EPOCHS_DEFAULT = 8;
export const EPOCHS_MIN = 1;
export const EPOCHS_MAX = 50;
export const WINDOW_DAYS_MIN = 1;
export const WINDOW_DAYS_MAX = 3650;

function finite(value: number | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The curve point a fine-tune job's progress message carries, or null (another kind, or no figures yet). */
export function curvePoint(job: Job): CurvePoint | null {
  if (job.kind !== 'fine-tune' || !job.progress?.metrics) return null;
  const m = job.progress.metrics;
  const loss = finite(m.loss);
  const valNdcg = finite(m.valNdcg);
  if (loss === null && valNdcg === null) return null;
  const refit = finite(m.refitEpoch);
  return refit !== null ? { step: job.progress.done, epoch: null, loss, valNdcg, refit } : { step: job.progress.done, epoch: finite(m.epoch), loss, valNdcg };
}

function samePoint(a: CurvePoint, b: CurvePoint): boolean {
  return a.step === b.step && a.epoch === b.epoch && a.refit === b.refit && a.loss === b.loss && a.valNdcg === b.valNdcg;
}

/** Every second point, keeping the first and the last. */
function thin(points: readonly CurvePoint[]): CurvePoint[] {
  const kept = points.filter((_, i) => i % 2 === 0);
  const last = points.at(-1);
  if (last && kept.at(-1) !== last) kept.push(last);
  return kept;
}

/**
 * Adds a point to a curve, in step order. A repeat of a step replaces it (the later message wins); a late,
 * out-of-order copy is slotted in where it belongs. Returns the same array when nothing changes.
 */
export function appendCurvePoint(curve: readonly CurvePoint[], point: CurvePoint, limit = CURVE_POINT_LIMIT): readonly CurvePoint[] {
  const last = curve.at(-1);
  if (!last || point.step > last.step) {
    const next = [...curve, point];
    return next.length > limit ? thin(next) : next;
  }
  const index = curve.findIndex((p) => p.step >= point.step);
  const existing = curve[index];
  if (existing && existing.step === point.step) {
    if (samePoint(existing, point)) return curve;
    return [...curve.slice(0, index), point, ...curve.slice(index + 1)];
  }
  return [...curve.slice(0, index), point, ...curve.slice(index)];
}

/** Records a job message in the curve history; the same object back when the message adds nothing. */
export function recordCurve(history: CurveHistory, job: Job, limit = CURVE_POINT_LIMIT): CurveHistory {
  const point = curvePoint(job);
  if (!point) return history;
  const curve = history[job.jobId] ?? [];
  const next = appendCurvePoint(curve, point, limit);
  return next === curve ? history : { ...history, [job.jobId]: next };
}

/** Drops the curves of jobs the list no longer holds. */
export function pruneCurves(history: CurveHistory, jobs: readonly Pick<Job, 'jobId'>[]): CurveHistory {
  const keep = new Set(jobs.map((j) => j.jobId));
  const ids = Object.keys(history);
  if (ids.every((id) => keep.has(id))) return history;
  return Object.fromEntries(ids.filter((id) => keep.has(id)).map((id) => [id, history[id] ?? []]));
}

export interface FineTuneRequest {
  epochs: number;
  windowDays?: number;
  /** The job's time budget in seconds (the form asks for minutes). */
  budgetSeconds?: number;
}

export type FineTuneField = 'epochs' | 'windowDays' | 'budgetMinutes';

/** The time budget the form accepts, in minutes (the contract's 60 s to 7 days). */
export const BUDGET_MINUTES_MIN = 1;
export const BUDGET_MINUTES_MAX = 10_080;

export type FineTuneFormResult = { ok: true; request: FineTuneRequest } | { ok: false; field: FineTuneField };

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  return Number(trimmed);
}

/**
 * Reads the form's text fields into a request, or names the field that is out of range. An empty
 * window means all events; an empty budget, none.
 */
export function parseFineTuneForm(epochsText: string, windowDaysText: string, budgetMinutesText = ''): FineTuneFormResult {
  const epochs = wholeNumber(epochsText);
  if (epochs === null || epochs < EPOCHS_MIN || epochs > EPOCHS_MAX) return { ok: false, field: 'epochs' };
  const request: FineTuneRequest = { epochs };
  if (windowDaysText.trim() !== '') {
    const windowDays = wholeNumber(windowDaysText);
    if (windowDays === null || windowDays < WINDOW_DAYS_MIN || windowDays > WINDOW_DAYS_MAX) return { ok: false, field: 'windowDays' };
    request.windowDays = windowDays;
  }
  if (budgetMinutesText.trim() !== '') {
    const minutes = wholeNumber(budgetMinutesText);
    if (minutes === null || minutes < BUDGET_MINUTES_MIN || minutes > BUDGET_MINUTES_MAX) return { ok: false, field: 'budgetMinutes' };
    request.budgetSeconds = minutes * 60;
  }
  return { ok: true, request };
}

/** Where a fine-tune starts: `auto` leaves it to the engine (incremental from the serving version on large stores, docs/INTENT_MODEL.md), else from scratch or from the serving version. */
export const FINETUNE_STARTS = ['auto', 'scratch', 'serving'] as const;
export type FineTuneStart = (typeof FINETUNE_STARTS)[number];
