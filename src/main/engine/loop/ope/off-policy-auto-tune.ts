import type { Database } from 'better-sqlite3';
import type { FusionWeights } from '../../../../shared/contract';
import type { JobContext } from '../../jobs/job-runner';
import { coordinateAscent } from '../../tuning/coordinate-ascent';
import { RECOMMENDED_ESTIMATOR } from './ope-report';
import { refuseWithoutExploration, type OpeService } from './ope-service';
import { randomisedSplit } from './randomised-split';
import { weightsPolicy } from './scoring-policy';

/** Importance weights are clipped here during the search, as ope.estimate does by default. */
const CLIP = 50;

/**
 * Auto-tune on the off-policy estimate: coordinate ascent on the expected reward per list of the
 * slot's older half of randomised lists (the recommended estimator, point estimates), then the
 * proposal and the starting weights estimated with intervals on the newer half, which the search
 * never saw: that is the figure to trust. Reads each half once; refuses without randomised lists.
 */
export async function offPolicyAutoTune(ope: OpeService, db: Database, req: { slot: string; rounds: number; start: FusionWeights; now: number }, ctx: JobContext): Promise<Record<string, unknown>> {
  const split = randomisedSplit(db, req.slot, 0, req.now, 0.5);
  const tuning = await ope.readLog({ slot: req.slot, from: 0, to: split - 1 });
  const reporting = await ope.readLog({ slot: req.slot, from: split, to: req.now });
  refuseWithoutExploration(tuning);
  refuseWithoutExploration(reporting);
  const reward = ope.reward();
  const { weights, value, baseline } = await coordinateAscent(async (w) => (await ope.pointEstimate(tuning, weightsPolicy(w), reward, CLIP)) ?? Number.NEGATIVE_INFINITY, req.start, req.rounds, ctx, {
    metric: 'expected reward',
    half: 'older half of the randomised lists',
  });
  const proposal = await ope.estimateOn(reporting, weightsPolicy(weights), reward, CLIP);
  const startReport = await ope.estimateOn(reporting, weightsPolicy(req.start), reward, CLIP);
  const pick = (r: typeof proposal) => r.estimates.find((e) => e.estimator === RECOMMENDED_ESTIMATOR);
  const reported = pick(proposal);
  return {
    weights,
    objective: 'off-policy',
    estimator: RECOMMENDED_ESTIMATOR,
    reward,
    // The older half: where the search looked (in-sample for it).
    value,
    baseline,
    lists: tuning.dataset.lists,
    half: 'tuning',
    // The newer half: out of sample for the search, with intervals; serving's on-policy mean there too.
    reporting: {
      value: reported?.value ?? null,
      ci: [reported?.low ?? null, reported?.high ?? null],
      baseline: pick(startReport)?.value ?? null,
      serving: proposal.serving.value,
      lists: reporting.dataset.lists,
      half: 'reporting',
      warnings: proposal.warnings,
    },
  };
}
