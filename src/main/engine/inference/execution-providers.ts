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

export function parseProviderName(value: string | undefined): ExecutionProviderName | undefined {
  return value === 'cuda' || value === 'dml' || value === 'coreml' || value === 'cpu' ? value : undefined;
}
