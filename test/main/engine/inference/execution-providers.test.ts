/** The provider table and the CPU fallback, with a fake session factory (no GPU needed). */
import { describe, expect, it } from 'vitest';
import type { EncoderSession, SessionFactory } from '../../../../src/main/engine/inference/encoder-session';
import { DEFAULT_TUNING } from '../../../../src/main/engine/inference/encoder-session';
import { SessionCreateError } from '../../../../src/main/engine/inference/errors';
import { providersFor, type ExecutionProviderName } from '../../../../src/main/engine/inference/execution-providers';
import { createSessionWithFallback } from '../../../../src/main/engine/inference/session-fallback';

function recordingLog() {
  const lines: string[] = [];
  return { lines, info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`) };
}

function fakeFactory(behaviour: Partial<Record<ExecutionProviderName, 'create-fails' | 'run-fails' | 'ok'>>) {
  const created: ExecutionProviderName[] = [];
  const released: ExecutionProviderName[] = [];
  const factory: SessionFactory = async (_path, provider) => {
    const mode = behaviour[provider] ?? 'create-fails';
    if (mode === 'create-fails') throw new Error(`${provider} library not found`);
    created.push(provider);
    const session: EncoderSession = {
      run: async (b) => {
        if (mode === 'run-fails') throw new Error(`${provider} kernel missing`);
        return { data: new Float32Array(b.batch * b.seq * 4), dimensions: 4 };
      },
      release: async () => void released.push(provider),
    };
    return session;
  };
  return { factory, created, released };
}

describe('execution provider table', () => {
  it('tries the platform GPU provider first and always ends with CPU', () => {
    expect(providersFor('linux', 'x64')).toEqual(['cuda', 'cpu']);
    expect(providersFor('linux', 'arm64')).toEqual(['cpu']);
    expect(providersFor('win32', 'x64')).toEqual(['dml', 'cpu']);
    expect(providersFor('darwin', 'arm64')).toEqual(['coreml', 'cpu']);
    expect(providersFor('freebsd', 'x64')).toEqual(['cpu']);
  });

  it('honours a preferred provider, still with CPU behind it', () => {
    expect(providersFor('linux', 'x64', 'cpu')).toEqual(['cpu']);
    expect(providersFor('darwin', 'arm64', 'cuda')).toEqual(['cuda', 'cpu']);
  });

  it('adds CPU when a custom table forgets it', () => {
    expect(providersFor('linux', 'x64', undefined, [{ platform: '*', arch: '*', providers: ['cuda'] }])).toEqual([
      'cuda',
      'cpu',
    ]);
  });
});

describe('session fallback', () => {
  it('falls back to CPU when the GPU provider fails to load, and says so in one warning line', async () => {
    const { factory } = fakeFactory({ cpu: 'ok' });
    const log = recordingLog();
    const got = await createSessionWithFallback(factory, 'm.onnx', ['cuda', 'cpu'], DEFAULT_TUNING, log);
    expect(got.provider).toBe('cpu');
    expect(got.failed.map((f) => f.provider)).toEqual(['cuda']);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatch(/^warn .*"cpu" instead of "cuda" \(cuda: cuda library not found\)/);
  });

  it('treats a provider that creates but cannot run as failed, releasing it', async () => {
    const { factory, released } = fakeFactory({ dml: 'run-fails', cpu: 'ok' });
    const got = await createSessionWithFallback(factory, 'm.onnx', ['dml', 'cpu'], DEFAULT_TUNING, recordingLog());
    expect(got.provider).toBe('cpu');
    expect(released).toEqual(['dml']);
  });

  it('uses the GPU provider when it works', async () => {
    const { factory, created } = fakeFactory({ coreml: 'ok', cpu: 'ok' });
    const got = await createSessionWithFallback(factory, 'm.onnx', ['coreml', 'cpu'], DEFAULT_TUNING, recordingLog());
    expect(got.provider).toBe('coreml');
    expect(created).toEqual(['coreml']);
  });

  it('gives one typed error listing every attempt when nothing works', async () => {
    const { factory } = fakeFactory({});
    const err = await createSessionWithFallback(factory, 'm.onnx', ['cuda', 'cpu'], DEFAULT_TUNING, recordingLog()).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SessionCreateError);
    expect((err as SessionCreateError).attempts.map((a) => a.provider)).toEqual(['cuda', 'cpu']);
  });
});
