import type { Job } from '../transport/contract';

/**
 * Where a fine-tune job is, in the job's own epochs: one of its validated epochs (at most the
 * `epochs` it was started with), or one of the refit epochs that follow them. Counted this way a
 * 3-epoch job never reads "epoch 6" (the refit epochs are not validated epochs, and an incremental
 * run does not count the serving version's epochs), and no step total is shown, since the refit's
 * steps per epoch differ from the validated epochs'.
 */
export type FineTuneStage = { phase: 'selecting' } | { phase: 'validated'; epoch: number; of: number } | { phase: 'refit'; epoch: number; of: number | null };

function whole(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

/**
 * The stage a fine-tune job's latest progress report shows, or null (another kind, or no report yet).
 * Reports without an epoch come from the automatic choice of configuration that runs first (its
 * total is a time budget, not steps).
 */
export function fineTuneStage(job: Pick<Job, 'kind' | 'params' | 'progress'>): FineTuneStage | null {
  if (job.kind !== 'fine-tune' || !job.progress) return null;
  const m = job.progress.metrics ?? {};
  if (m.epoch === undefined && m.refitEpoch === undefined) return { phase: 'selecting' };
  const refit = whole(m.refitEpoch);
  if (refit !== null && refit > 0) {
    const of = whole(m.refitEpochs);
    return { phase: 'refit', epoch: of !== null && of > 0 ? Math.min(refit, of) : refit, of: of !== null && of > 0 ? of : null };
  }
  const epochs = whole(job.params.epochs);
  const epoch = whole(m.epoch);
  if (epochs === null || epochs === 0 || epoch === null) return null;
  return { phase: 'validated', epoch: Math.min(Math.max(1, epoch), epochs), of: epochs };
}

const MEMBER_FIGURE = /^member(\d+)(ValNdcg|BestEpoch)$/;

/** A per-member figure of an ensemble's result (`member0ValNdcg`): which member (1-based) and which figure. */
export function memberFigure(key: string): { member: number; figure: 'valNdcg' | 'bestEpoch' } | null {
  const match = MEMBER_FIGURE.exec(key);
  if (!match) return null;
  return { member: Number(match[1]) + 1, figure: match[2] === 'ValNdcg' ? 'valNdcg' : 'bestEpoch' };
}

/** A result key the console has no label for, in words (`lossReason` -> `Loss reason`), so no raw identifier reaches the page. */
export function keyInWords(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
