/**
 * "Ask ONNX Runtime, do not assume": onnxruntime-node 1.30 has no call that lists a session's
 * providers, so the resolver reads ORT's profiler, which names the provider of every node it ran.
 * These tests open real sessions on this machine (no CUDA libraries) and check that the provider
 * each reports is the one ORT's profile shows.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { placementFromProfile } from '../../../../src/main/engine/inference/ort-placement';
import { openOrtGraphSession, zerosTensor } from '../../../../src/main/engine/inference/ort-provider-session';
import { clearSessionProviderRecords, sessionProviderRecords } from '../../../../src/main/engine/inference/provider-records';
import { planProviders } from '../../../../src/main/engine/inference/provider-resolver';
import { SentenceEncoder } from '../../../../src/main/engine/inference/sentence-encoder';
import { GraphBuilder } from '../../../../src/main/engine/training/onnx/graph-builder';
import { ONNX_ELEM } from '../../../../src/main/engine/training/onnx/onnx-schema';
import { ortLinearOps } from '../../../../src/main/engine/training/onnx/ort-linear-ops';

const quiet = { info: () => undefined, warn: () => undefined };

function reluGraph(): Uint8Array {
  const g = new GraphBuilder('relu');
  const x = g.input('x', ONNX_ELEM.FLOAT, ['n']);
  g.node('Relu', [x], {}, 'y');
  g.output('y', ONNX_ELEM.FLOAT, ['n']);
  return g.toBytes(18, 'test');
}

const profilesLeft = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith(`instinct-ort-placement-${process.pid}-`));

afterEach(() => clearSessionProviderRecords());

describe('placementFromProfile', () => {
  it('counts node events per provider and ignores session events', () => {
    const profile = JSON.stringify([
      { cat: 'Session', name: 'model_run', args: {} },
      { cat: 'Node', name: 'a', args: { provider: 'CUDAExecutionProvider' } },
      { cat: 'Node', name: 'b', args: { provider: 'CUDAExecutionProvider' } },
      { cat: 'Node', name: 'c', args: { provider: 'CPUExecutionProvider' } },
      { cat: 'Node', name: 'd', args: { provider: 'SomeOtherExecutionProvider' } },
    ]);
    expect(placementFromProfile(profile)).toEqual({ cuda: 2, cpu: 1, SomeOtherExecutionProvider: 1 });
  });
});

describe('real ONNX Runtime sessions report where ORT ran them', () => {
  it('a graph session on this machine runs on the CPU, by ORT profile, and leaves no profile behind', async () => {
    const { record } = await openOrtGraphSession({
      session: 'test:relu',
      model: reluGraph(),
      options: { intraOpNumThreads: 1 },
      warmUpFeeds: () => ({ x: zerosTensor([4]) }),
      plan: planProviders({ env: {} }),
      log: quiet,
    });
    expect(record.provider).toBe('cpu');
    expect(record.placement).toEqual({ cpu: 1 });
    // This machine has no CUDA provider libraries: auto left CUDA out before ORT was asked.
    if (process.platform === 'linux' && process.arch === 'x64') expect(record.fallbackReason).toMatch(/cuda: .*libonnxruntime_providers_(shared|cuda)\.so|NVIDIA driver/);
    expect(profilesLeft()).toEqual([]);
  });

  it('a model ONNX Runtime cannot load fails on every provider and leaves no profile behind', async () => {
    const spec = { session: 'test:broken', model: Uint8Array.of(1, 2, 3), options: {}, warmUpFeeds: () => ({}), plan: ['cpu'] as const, log: quiet };
    await expect(openOrtGraphSession(spec)).rejects.toThrow();
    expect(profilesLeft()).toEqual([]);
  });

  it('the training graphs go through the resolver and are recorded with ORT placement', async () => {
    const ops = await ortLinearOps(1, ['cpu']);
    await ops.dispose();
    const byName = new Map(sessionProviderRecords().map((r) => [r.session, r]));
    for (const name of ['training:linear-forward', 'training:linear-backward']) {
      const r = byName.get(name);
      expect(r?.provider).toBe('cpu');
      expect(r?.placement?.cpu ?? 0).toBeGreaterThan(0);
    }
  });

  const modelDir = join(process.cwd(), 'models', 'text-encoder');
  it.skipIf(!existsSync(join(modelDir, 'manifest.json')))('the text encoder reports the provider ORT placed its nodes on', async () => {
    const encoder = await SentenceEncoder.load({ modelDir, variant: 'int8', providers: ['cpu'], tuning: { intraOpThreads: 1 }, log: quiet });
    try {
      expect(encoder.provider).toBe('cpu');
      const placement = encoder.providerRecord.placement ?? {};
      expect(Object.keys(placement)).toEqual(['cpu']);
      expect(placement.cpu).toBeGreaterThan(10);
      expect(sessionProviderRecords().find((r) => r.session === 'text-encoder')?.provider).toBe('cpu');
    } finally {
      await encoder.dispose();
    }
  });
});
