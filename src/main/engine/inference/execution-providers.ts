/**
 * Which ONNX Runtime execution providers to try, per platform, as data. The first that
 * creates a session wins; CPU ends every list so a missing GPU runtime (no CUDA libraries,
 * an old DirectML) degrades to slower inference instead of no inference.
 */

export type ExecutionProviderName = 'cuda' | 'dml' | 'coreml' | 'cpu';

export interface ProviderRule {
  platform: NodeJS.Platform | '*';
  arch: string | '*';
  providers: readonly ExecutionProviderName[];
}

export const EXECUTION_PROVIDER_TABLE: readonly ProviderRule[] = [
  { platform: 'linux', arch: 'x64', providers: ['cuda', 'cpu'] },
  { platform: 'win32', arch: '*', providers: ['dml', 'cpu'] },
  { platform: 'darwin', arch: '*', providers: ['coreml', 'cpu'] },
  { platform: '*', arch: '*', providers: ['cpu'] },
];

/**
 * Ordered providers to try on this platform. `preferred` (e.g. from a setting or
 * INSTINCT_EXECUTION_PROVIDER) narrows to that provider plus the CPU fallback.
 */
export function providersFor(
  platform: NodeJS.Platform,
  arch: string,
  preferred?: ExecutionProviderName,
  table: readonly ProviderRule[] = EXECUTION_PROVIDER_TABLE,
): ExecutionProviderName[] {
  if (preferred) return preferred === 'cpu' ? ['cpu'] : [preferred, 'cpu'];
  const rule = table.find(
    (r) => (r.platform === '*' || r.platform === platform) && (r.arch === '*' || r.arch === arch),
  );
  const list = rule ? [...rule.providers] : [];
  if (!list.includes('cpu')) list.push('cpu');
  return list;
}

/** What a setting or INSTINCT_EXECUTION_PROVIDER may say: a provider, or 'auto' (the platform's table). */
export type ExecutionProviderChoice = 'auto' | ExecutionProviderName;

/** Providers a choice may name on each platform; CPU and auto everywhere. */
const CHOOSABLE: Record<ExecutionProviderName, (platform: NodeJS.Platform, arch: string) => boolean> = {
  cpu: () => true,
  cuda: (platform, arch) => platform === 'linux' && arch === 'x64',
  dml: (platform) => platform === 'win32',
  coreml: (platform) => platform === 'darwin',
};

export class ExecutionProviderChoiceError extends Error {
  constructor(
    readonly variable: string,
    readonly value: string,
    detail: string,
  ) {
    super(`${variable}=${JSON.stringify(value)} is not a usable execution provider: ${detail}`);
    this.name = 'ExecutionProviderChoiceError';
  }
}

/**
 * Parses a choice; `variable` names where it came from (the env variable or the setting) so a bad
 * value is an error that says what to fix. Empty or absent means 'auto'.
 */
export function parseProviderChoice(
  value: string | undefined,
  variable: string,
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): ExecutionProviderChoice {
  const v = value?.trim().toLowerCase() ?? '';
  if (v === '' || v === 'auto') return 'auto';
  const allowed = (['cpu', 'cuda', 'dml', 'coreml'] as const).filter((p) => CHOOSABLE[p](platform, arch));
  if (v === 'cpu' || v === 'cuda' || v === 'dml' || v === 'coreml') {
    if (CHOOSABLE[v](platform, arch)) return v;
    throw new ExecutionProviderChoiceError(variable, value ?? '', `"${v}" is not available on ${platform}/${arch} (use auto, ${allowed.join(', ')})`);
  }
  throw new ExecutionProviderChoiceError(variable, value ?? '', `expected auto, ${allowed.join(', ')}`);
}
