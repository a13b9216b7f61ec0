export { ExperimentService, DEFAULT_EXPERIMENT_SETTINGS, type ArmCountsReader, type ExperimentServiceDeps, type ExperimentSettings, type PolicyPublisher, type TickReport } from './experiment-service';
export { experimentHandlers, type ExperimentGuard, type ExperimentHandlerDeps } from './experiment-handlers';
export { assignmentUnit, type Assignment } from './experiment-assignment';
export type { PolicyChecks } from './experiment-validation';
export { simulateBandit, type BanditSimulationOptions, type BanditSimulationResult } from './bandit-simulation';
