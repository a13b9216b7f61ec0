import { dirname } from 'node:path';
import type { EngineInfo, EngineVersions } from '../../../shared/contract';
import type { TextModel } from '../catalog/text-model';
import type { EngineOptions } from '../engine-options';
import { modelsRoot } from '../inference/model-paths';
import { onnxRuntimeVersion } from '../inference/onnx-runtime-version';
import { sessionProviderRecords } from '../inference/provider-records';
import type { ProviderPlan } from '../inference/provider-resolver';
import { aboutVersions, readModelVersions } from '../settings/versions';

export const ENGINE_VERSION = '0.1.0';

/** engine.info: what runs, where, since when, with which encoder and execution providers. */
export function engineInfo(a: { options: EngineOptions; startedAt: number; textModel: TextModel; providerPlan: ProviderPlan }): EngineInfo {
  const { options, providerPlan } = a;
  return {
    name: 'Instinct',
    version: ENGINE_VERSION,
    dataDir: options.dataDir,
    transport: options.host ?? 'headless',
    startedAt: a.startedAt,
    textModel: a.textModel.inUse ?? null,
    textModelError: a.textModel.lastError,
    executionProviders: {
      choice: providerPlan.choice,
      source: providerPlan.source,
      sessions: sessionProviderRecords().map(({ session, provider, fallbackReason, placement, warmUpMs }) => ({ session, provider, fallbackReason, placement, warmUpMs })),
    },
  };
}

/** The About box: Instinct, the models, Electron (inside the desktop app), Node and ONNX Runtime. */
export function engineVersions(options: EngineOptions): EngineVersions {
  const modelsDir = options.modelsDir ?? (options.textModelDir ? dirname(options.textModelDir) : modelsRoot());
  return aboutVersions({ instinct: options.appVersion ?? ENGINE_VERSION, processVersions: process.versions, onnxRuntime: onnxRuntimeVersion(), models: readModelVersions(modelsDir) });
}
