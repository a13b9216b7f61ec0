/**
 * Simulated shoppers with known tastes and a known click model, driving the engine through the
 * contract like any client (docs/SIMULATOR.md). The engine never imports this folder.
 */
export type { ContractClient } from './contract-client';
export { dispatcherClient, type ContractDispatcher } from './dispatcher-client';
export { httpClient, type HttpClientOptions } from './http-client';
export { SystemClock, type Clock } from './clock';
export { ManualClock } from './manual-clock';
export { FakeTimerClock } from './fake-timer-clock';
export { DEFAULT_EXAMINATION_POWER, examinationCurve, examinationProbability } from './examination-curve';
export { drawSimulatedShopper, type SimulatedShopper } from './simulated-shopper';
export { TASTE_MODEL, tasteFit, attractivenessOf, priceAcceptance, cartProbabilityOf, purchaseProbabilityOf, type ShelvedItem } from './taste-fit';
export { cartQuantity, expectedCartQuantity } from './cart-quantity';
export { SimulatorTruth, type ExpectedOutcome, type ItemTruth, type RewardSpec, type RewardWeights, type Satiation, type SimulatorTruthOptions } from './simulator-truth';
export { respond, DRAWS_PER_ITEM, type ResponseLine, type ShopperResponse, type ShownItem } from './respond';
export { DEFAULT_SESSION_CONFIG, sessionConfig, type SessionConfig } from './session-config';
export { runSession, type SessionDeps, type ShownList } from './session-driver';
export { runSessions, type BatchOptions, type BatchReport } from './batch-runner';
export { LiveSimulator, type LiveSimulatorOptions } from './live-simulator';
export { startSimulatorThread, type SimulatorThread, type SimulatorThreadOptions } from './simulator-thread';
export { fetchCatalogue, loadSimulatorTruth } from './catalogue-source';
export { SimulatorCallError } from './call-error';
export { emptyCounters, type SessionOutcome, type SimulatorCounters } from './simulator-counters';
export { Random } from '../engine/demo/random';
