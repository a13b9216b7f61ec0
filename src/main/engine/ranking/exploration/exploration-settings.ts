/**
 * A slot's exploration budget, set by the merchandiser. Off by default: lists are deterministic
 * and logged as such.
 */
export interface ExplorationSettings {
  readonly enabled: boolean;
  /** Share of lists whose window is shuffled (0..0.5). */
  readonly rate: number;
  /** The first position exploration may change (positions above it never change). */
  readonly fromPosition: number;
  /** The last position exploration may change. */
  readonly toPosition: number;
  /** How many candidates, in ranked order from the window's first item, a shuffle draws from. */
  readonly poolSize: number;
}

export const EXPLORATION_OFF: ExplorationSettings = { enabled: false, rate: 0.1, fromPosition: 1, toPosition: 10, poolSize: 20 };
