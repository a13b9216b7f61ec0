import { describeLoss, lossForCatalogue, type LossConfig } from '../training/loss/loss-config';
import type { TrainingConfig } from '../training/model/config';

/** What a job's loss choice reads from its dependencies. */
export interface LossDeps {
  trainingConfig?: Partial<TrainingConfig>;
  fullSoftmaxMaxItems?: number;
}

/**
 * A fine-tune job's loss: the configured one when `trainingConfig.loss` is set, else the full
 * softmax for a catalogue of at most `fullSoftmaxMaxItems` items (default 5,000) and the sampled
 * softmax with log-Q correction for a larger one; with the reason the job reports.
 */
export function jobLoss(d: LossDeps, numItems: number): { loss: LossConfig; reason: string } {
  const configured = d.trainingConfig?.loss;
  if (configured !== undefined) return { loss: configured, reason: `${configured.kind === 'full' ? 'full softmax' : 'sampled softmax'}: configured` };
  return lossForCatalogue(numItems, d.fullSoftmaxMaxItems);
}

/**
 * The loss a run trained with, as its result and the registered version's config show it:
 * `loss` (`full` or `sampled(neg=…,negPop=…,inBatch=…,logQ=…)`) and `lossReason` (why).
 */
export function lossRecord(d: LossDeps, training: TrainingConfig, numItems: number): { loss: string; lossReason: string } {
  const chosen = jobLoss(d, numItems);
  const used = describeLoss(training.loss);
  // A run resumed from an older checkpoint keeps the loss it started with (absent = full).
  const reason = used === describeLoss(chosen.loss) ? chosen.reason : `${used === 'full' ? 'full softmax' : 'sampled softmax'}: kept from the run's checkpoint`;
  return { loss: used, lossReason: reason };
}
