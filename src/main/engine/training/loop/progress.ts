/** What a training run reports after every step (valNdcg: the last epoch's validation NDCG@10). */
export interface TrainingProgress {
  /** 'step' after every optimiser step; 'epoch' once per epoch, after validation. */
  phase: 'step' | 'epoch';
  epoch: number;
  step: number;
  stepsPerEpoch: number;
  loss: number;
  valNdcg: number | null;
  etaSeconds: number;
  /** Set on the refit phase's steps: which refit epoch (1-based) of how many. */
  refit?: { epoch: number; of: number };
}

/** Per-epoch record kept in the result and the checkpoint. */
export interface EpochRecord {
  epoch: number;
  meanLoss: number;
  valNdcg: number;
  seconds: number;
  /** The epoch's training steps alone, without its validation (absent in records written before it existed). */
  trainSeconds?: number;
}

export class TrainingCancelledError extends Error {
  constructor() {
    super('training was cancelled');
    this.name = 'TrainingCancelledError';
  }
}
