import type { ArmPolicy, Experiment } from '../../../../shared/contract';
import { unitPoint } from './unit-hash';

/** Which experiment and arm serve one list, and the policy that arm serves. */
export interface Assignment {
  readonly experimentId: string;
  readonly armId: string;
  readonly policy: ArmPolicy;
}

interface SlotSplit {
  readonly experimentId: string;
  /** Upper ends of the arms' intervals on [0, 1); the last is exactly 1. */
  readonly cumulative: readonly number[];
  readonly assignments: readonly Assignment[];
}

/**
 * The running experiments by slot, for the request path: a map lookup, one short hash and a scan of
 * at most six numbers. A shopper's point is the hash of `experimentId:unitKey`, so it is the same on
 * every request and independent between experiments; the arms own consecutive intervals of [0, 1)
 * as long as their shares. While the shares stay put (A/B), a shopper keeps their arm; when a bandit
 * moves the shares, only the shoppers whose point an interval boundary crossed change arm.
 */
export class AssignmentTable {
  private readonly bySlot = new Map<string, SlotSplit>();

  constructor(running: readonly Experiment[]) {
    for (const experiment of running) {
      if (experiment.status !== 'running') continue;
      const cumulative = cumulativeShares(experiment.shares);
      if (!cumulative) continue;
      const split: SlotSplit = {
        experimentId: experiment.experimentId,
        cumulative,
        assignments: experiment.arms.map((arm) => Object.freeze({ experimentId: experiment.experimentId, armId: arm.armId, policy: arm.policy })),
      };
      for (const slot of experiment.slots) this.bySlot.set(slot, split);
    }
  }

  assign(slot: string, unitKey: string): Assignment | null {
    const split = this.bySlot.get(slot);
    if (!split) return null;
    return split.assignments[armIndexAt(unitPoint(`${split.experimentId}:${unitKey}`), split.cumulative)] ?? null;
  }

  /** The slots an experiment is running on, for the cache's users and tests. */
  slots(): string[] {
    return [...this.bySlot.keys()];
  }
}

/** Running sums of the shares scaled to end at exactly 1; undefined when they add up to nothing. */
export function cumulativeShares(shares: readonly number[]): number[] | undefined {
  const total = shares.reduce((s, x) => s + Math.max(0, x), 0);
  if (!(total > 0)) return undefined;
  let running = 0;
  const cumulative = shares.map((x) => (running += Math.max(0, x) / total));
  // Rounding must not leave a sliver at the top of [0, 1) that belongs to no arm.
  const last = cumulative.length - 1;
  for (let i = last; i >= 0 && cumulative[i] === cumulative[last]; i--) cumulative[i] = 1;
  return cumulative;
}

/** The arm whose interval holds `point` (in [0, 1)): the first whose upper end is above it. */
export function armIndexAt(point: number, cumulative: readonly number[]): number {
  for (let i = 0; i < cumulative.length; i++) if (point < (cumulative[i] ?? 0)) return i;
  return cumulative.length - 1;
}

/** The unit a shopper is assigned by: their shopper id, else (anonymous traffic) their session id. */
export function assignmentUnit(who: { shopperId?: string | null; sessionId?: string | null }): string | undefined {
  return who.shopperId || who.sessionId || undefined;
}
