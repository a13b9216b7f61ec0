/** Off-policy evaluation: the log reader, target arrangement, estimators, examination curve and the reward setting. */
export type { ListContext, ScoringPolicy } from './scoring-policy';
export { weightsPolicy } from './scoring-policy';
export { OpeDatasetBuilder, poolSizeOf, slotPropensity, windowSizeOf, windowPositionsOf, type OpeDataset, type OpeListInput } from './ope-dataset';
export { readOpeLog, type OpeLog, type OpeLogOptions, type OpeLogQuery } from './log-reader';
export { arrangeTarget, arrangeLists, type ArrangementOptions } from './target-arrangement';
export { outcomePerSlot, rewardPerSlot, type OutcomeName } from './list-rewards';
export { bootstrap, quantile, type BootstrapOptions, type BootstrapResult } from './bootstrap';
export { combineStatistics, splitOutputs, type ListStatistic } from './list-statistic';
export { itemPositionWeights, WeightTracker, type WeightSummary } from './importance-weights';
export { drStatistic, ipsStatistic, servingStatistic, snipsStatistic } from './item-position-estimators';
export { pbmStatistic, pbmWeightSummary } from './pbm-estimator';
export { fitRewardModel, REWARD_MODEL_INPUTS, type RewardModel, type RewardModelOptions } from './reward-model';
export { estimateExamination, examinationStatistic, relativeExamination } from './examination';
export { estimatePolicy, supportOf, FIGURE_OUTCOMES, type FigureOutcome, type PolicyEstimate, type PolicyEstimateOptions } from './policy-estimate';
export { opeReport, opeWarnings, RECOMMENDED_ESTIMATOR } from './ope-report';
export { OpeService, refuseWithoutExploration, type OpeServiceDeps } from './ope-service';
export { RewardSetting } from './reward-setting';
export { opeHandlers } from './ope-handlers';
