/**
 * The one execution-provider resolver: the choice (setting, INSTINCT_EXECUTION_PROVIDER), the
 * on-disk check that keeps CUDA from being asked for without its libraries, the fallback record,
 * and that a session's reported provider is where ONNX Runtime placed its nodes.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionCreateError } from '../../../../src/main/engine/inference/errors';
import { ExecutionProviderChoiceError, parseProviderChoice, type ExecutionProviderName } from '../../../../src/main/engine/inference/execution-providers';
import { checkCudaLibraries, CUDA_PROVIDER_LIBRARIES } from '../../../../src/main/engine/inference/provider-libraries';
import { clearSessionProviderRecords, sessionProviderRecords } from '../../../../src/main/engine/inference/provider-records';
import { openOnProvider, planProviders, PROVIDER_ENV, setExecutionProviderSetting } from '../../../../src/main/engine/inference/provider-resolver';
import type { NodePlacement } from '../../../../src/main/engine/inference/ort-placement';

const quiet = { info: () => undefined, warn: () => undefined };

/** A binding folder; `withLibs` puts (empty) CUDA provider libraries in it, `driver` an NVIDIA driver marker beside it. */
function bindingFolder(withLibs: boolean, driver: boolean): { bindingDir: string; driverMarker: string } {
  const root = mkdtempSync(join(tmpdir(), 'instinct-ep-'));
  const bindingDir = join(root, 'bin');
  mkdirSync(bindingDir);
  if (withLibs) for (const lib of CUDA_PROVIDER_LIBRARIES) writeFileSync(join(bindingDir, lib), '');
  const driverMarker = join(root, 'nvidia-version');
  if (driver) writeFileSync(driverMarker, 'NVRM version: test');
  return { bindingDir, driverMarker };
}

const linux = { platform: 'linux' as const, arch: 'x64' };

afterEach(() => {
  setExecutionProviderSetting(undefined);
  clearSessionProviderRecords();
});

describe('choice parsing', () => {
  it('reads auto, cpu and the providers of this platform, case and spaces aside', () => {
    expect(parseProviderChoice(undefined, PROVIDER_ENV, 'linux', 'x64')).toBe('auto');
    expect(parseProviderChoice(' CUDA ', PROVIDER_ENV, 'linux', 'x64')).toBe('cuda');
    expect(parseProviderChoice('cpu', PROVIDER_ENV, 'darwin', 'arm64')).toBe('cpu');
    expect(parseProviderChoice('dml', PROVIDER_ENV, 'win32', 'x64')).toBe('dml');
    expect(parseProviderChoice('coreml', PROVIDER_ENV, 'darwin', 'arm64')).toBe('coreml');
  });

  it('refuses an unknown value with an error naming the variable and the accepted values', () => {
    const err = (() => {
      try {
        return parseProviderChoice('gpu', PROVIDER_ENV, 'linux', 'x64');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ExecutionProviderChoiceError);
    expect((err as Error).message).toContain('INSTINCT_EXECUTION_PROVIDER');
    expect((err as Error).message).toContain('"gpu"');
    expect((err as Error).message).toContain('cuda');
  });

  it('refuses a provider of another platform', () => {
    expect(() => parseProviderChoice('dml', PROVIDER_ENV, 'linux', 'x64')).toThrow(/INSTINCT_EXECUTION_PROVIDER.*not available on linux/);
    expect(() => parseProviderChoice('cuda', 'setting executionProvider', 'darwin', 'arm64')).toThrow(/setting executionProvider/);
  });

  it('a bad environment value fails the plan, it is not silently ignored', () => {
    expect(() => planProviders({ ...linux, env: { [PROVIDER_ENV]: 'cdua' } })).toThrow(ExecutionProviderChoiceError);
  });

  it('the setting wins over the environment, and says so', () => {
    const probe = bindingFolder(true, true);
    setExecutionProviderSetting('cpu');
    const plan = planProviders({ ...linux, env: { [PROVIDER_ENV]: 'cuda' }, probe });
    expect(plan).toMatchObject({ choice: 'cpu', source: 'setting', providers: ['cpu'] });
    setExecutionProviderSetting(undefined);
    expect(planProviders({ ...linux, env: { [PROVIDER_ENV]: 'cuda' }, probe })).toMatchObject({ choice: 'cuda', source: 'env', providers: ['cuda', 'cpu'] });
  });
});

describe('CUDA library check', () => {
  it('leaves CUDA out, with the missing library named, when the provider libraries are absent', () => {
    const probe = bindingFolder(false, true);
    const plan = planProviders({ ...linux, env: {}, probe });
    expect(plan.providers).toEqual(['cpu']);
    expect(plan.skipped).toHaveLength(1);
    expect(plan.skipped[0]!.provider).toBe('cuda');
    expect(plan.skipped[0]!.error).toContain('libonnxruntime_providers_shared.so');
    expect(plan.skipped[0]!.error).toContain(probe.bindingDir);
  });

  it('leaves CUDA out when the libraries are there but no NVIDIA driver is', () => {
    const check = checkCudaLibraries({ ...linux, ...bindingFolder(true, false) });
    expect(check).toMatchObject({ available: false });
    expect(check.available ? '' : check.reason).toMatch(/NVIDIA driver/);
  });

  it('keeps CUDA first when the libraries and the driver are there', () => {
    const probe = bindingFolder(true, true);
    expect(planProviders({ ...linux, env: {}, probe })).toMatchObject({ providers: ['cuda', 'cpu'], skipped: [] });
  });

  it('never offers CUDA off linux/x64, whatever is on disk', () => {
    expect(checkCudaLibraries({ platform: 'linux', arch: 'arm64', ...bindingFolder(true, true) }).available).toBe(false);
    expect(planProviders({ platform: 'darwin', arch: 'arm64', env: {} }).providers).toEqual(['coreml', 'cpu']);
  });
});

/** A fake session factory: per provider, whether it opens, runs, and where it says its nodes ran. */
interface FakeSession {
  provider: ExecutionProviderName;
  fails?: 'open' | 'run';
  placement?: NodePlacement;
}

function fakeOpen(behaviour: Partial<Record<ExecutionProviderName, Omit<FakeSession, 'provider'>>>) {
  const opened: ExecutionProviderName[] = [];
  const released: ExecutionProviderName[] = [];
  return {
    opened,
    released,
    spec: {
      open: async (provider: ExecutionProviderName): Promise<FakeSession> => {
        const b = behaviour[provider];
        if (b === undefined || b.fails === 'open') throw new Error(`${provider} cannot open`);
        opened.push(provider);
        return { provider, ...b };
      },
      warmUp: async (s: FakeSession) => {
        if (s.fails === 'run') throw new Error(`${s.provider} kernel missing`);
      },
      placement: async (s: FakeSession) => s.placement ?? null,
      release: async (s: FakeSession) => void released.push(s.provider),
      log: quiet,
    },
  };
}

describe('openOnProvider', () => {
  it('never asks for CUDA when its libraries are absent, and records CPU with the reason', async () => {
    const fake = fakeOpen({ cuda: { placement: { cuda: 3 } }, cpu: { placement: { cpu: 3 } } });
    const plan = planProviders({ ...linux, env: {}, probe: bindingFolder(false, true) });
    const { record } = await openOnProvider({ session: 'text-encoder', plan, ...fake.spec });
    expect(fake.opened).toEqual(['cpu']);
    expect(record.provider).toBe('cpu');
    expect(record.fallbackReason).toMatch(/^cuda: .*libonnxruntime_providers_shared\.so/);
    expect(record.tried).toEqual(['cuda', 'cpu']);
    expect(record.warmUpMs).toBeGreaterThanOrEqual(0);
    expect(sessionProviderRecords().map((r) => [r.session, r.provider])).toEqual([['text-encoder', 'cpu']]);
  });

  it('falls back when the GPU session fails its warm-up run, releasing it', async () => {
    const fake = fakeOpen({ cuda: { fails: 'run' }, cpu: { placement: { cpu: 1 } } });
    const { record } = await openOnProvider({ session: 's', plan: ['cuda', 'cpu'], ...fake.spec });
    expect(record.provider).toBe('cpu');
    expect(record.fallbackReason).toContain('cuda kernel missing');
    expect(fake.released).toEqual(['cuda']);
  });

  it('refuses to label a session CUDA when ONNX Runtime ran its nodes on the CPU', async () => {
    const fake = fakeOpen({ cuda: { placement: { cpu: 7 } }, cpu: { placement: { cpu: 7 } } });
    const { record } = await openOnProvider({ session: 's', plan: ['cuda', 'cpu'], ...fake.spec });
    expect(record.provider).toBe('cpu');
    expect(record.fallbackReason).toMatch(/ran none of its nodes on cuda/);
  });

  it('keeps CUDA when ONNX Runtime placed nodes on it, with CPU fallback nodes counted', async () => {
    const fake = fakeOpen({ cuda: { placement: { cuda: 40, cpu: 2 } }, cpu: { placement: { cpu: 42 } } });
    const { record } = await openOnProvider({ session: 's', plan: ['cuda', 'cpu'], ...fake.spec });
    expect(record).toMatchObject({ provider: 'cuda', fallbackReason: null, placement: { cuda: 40, cpu: 2 } });
  });

  it('rethrows a fatal error without trying further, and gives one typed error when nothing works', async () => {
    const fatal = fakeOpen({ cpu: { fails: 'run' } });
    await expect(openOnProvider({ session: 's', plan: ['cpu'], ...fatal.spec, isFatal: () => true })).rejects.toThrow('cpu kernel missing');
    const none = fakeOpen({});
    const err = await openOnProvider({ session: 's', plan: ['cuda', 'cpu'], ...none.spec }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionCreateError);
    expect((err as SessionCreateError).attempts.map((a) => a.provider)).toEqual(['cuda', 'cpu']);
  });
});
