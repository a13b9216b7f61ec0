import type { IntentModelVersion } from '../transport/contract';

/** A version's validation NDCG@10, when its training run reported one. */
export function valNdcgOf(version: Pick<IntentModelVersion, 'metrics'>): number | null {
  const value = version.metrics.valNdcg;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function servingVersion(versions: readonly IntentModelVersion[]): IntentModelVersion | null {
  return versions.find((v) => v.status === 'serving') ?? null;
}

/** Newest first; the registry's order is not promised. */
export function sortVersions(versions: readonly IntentModelVersion[]): IntentModelVersion[] {
  return [...versions].sort((a, b) => b.createdAt - a.createdAt || b.version.localeCompare(a.version));
}

/**
 * The list as it stands after a promote or a roll back answered with `serving`: that version serves, and
 * whatever served before goes back to registered (until the next `models.list` says otherwise). With
 * `serving` null nothing serves any more (the text intent does).
 */
export function applyServing(versions: readonly IntentModelVersion[], serving: IntentModelVersion | null): IntentModelVersion[] {
  const next = versions.map((v) => {
    if (serving && v.version === serving.version) return serving;
    return v.status === 'serving' ? { ...v, status: 'registered' as const } : v;
  });
  if (serving && !next.some((v) => v.version === serving.version)) next.push(serving);
  return sortVersions(next);
}

export interface VersionComparison {
  version: IntentModelVersion;
  valNdcg: number | null;
  /** The serving version's valNdcg, the "before" this version would replace. */
  servingValNdcg: number | null;
  /** valNdcg minus the serving version's; null when either is missing, or for the serving version itself. */
  delta: number | null;
  serving: boolean;
}

/** Each version beside the serving one: what promoting it would change in validation NDCG. */
export function compareToServing(versions: readonly IntentModelVersion[]): VersionComparison[] {
  const current = servingVersion(versions);
  const servingValNdcg = current ? valNdcgOf(current) : null;
  return sortVersions(versions).map((version) => {
    const valNdcg = valNdcgOf(version);
    const serving = current !== null && version.version === current.version;
    const delta = !serving && valNdcg !== null && servingValNdcg !== null ? valNdcg - servingValNdcg : null;
    return { version, valNdcg, servingValNdcg, delta, serving };
  });
}

/** A delta with its sign, e.g. `+0.0123`, `−0.0040` (a true minus sign), `±0.0000`. */
export function formatDelta(delta: number): string {
  const text = Math.abs(delta).toFixed(4);
  if (Number(text) === 0) return `±${text}`;
  return delta > 0 ? `+${text}` : `−${text}`;
}
