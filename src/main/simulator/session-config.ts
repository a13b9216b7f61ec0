/** How simulated sessions unfold; every share is a probability. */
export interface SessionConfig {
  /** Items asked for per list (default 10). */
  readonly listSize: number;
  /** Share of sessions that start with a site search rather than the home list (default 0.4). */
  readonly searchShare: number;
  /**
   * Share of clicks whose events (click, view, and the cart add and purchase that follow) carry
   * the list's impressionId and position (default 0.7); the rest omit them, so the engine has to
   * match them to a list by its time window.
   */
  readonly explicitIdShare: number;
  /** Most lists one session asks for (default 6). */
  readonly maxLists: number;
  /** After a list with clicks: chance of opening a clicked item's page and its 'product' list (default 0.6). */
  readonly continueAfterClick: number;
  /** After a list without clicks: chance of asking again, a new search or the home list (default 0.3). */
  readonly continueWithoutClick: number;
  /** Divides every think time (default 1: real shopper pace). */
  readonly speed: number;
  /** Session ids are `<prefix><session number>`. */
  readonly sessionIdPrefix: string;
}

export const DEFAULT_SESSION_CONFIG: SessionConfig = {
  listSize: 10,
  searchShare: 0.4,
  explicitIdShare: 0.7,
  maxLists: 6,
  continueAfterClick: 0.6,
  continueWithoutClick: 0.3,
  speed: 1,
  sessionIdPrefix: 'sim-',
};

function checkShare(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be within [0, 1], got ${value}`);
}

/** The defaults with these overrides, checked. */
export function sessionConfig(overrides: Partial<SessionConfig> = {}): SessionConfig {
  const config = { ...DEFAULT_SESSION_CONFIG, ...overrides };
  for (const name of ['searchShare', 'explicitIdShare', 'continueAfterClick', 'continueWithoutClick'] as const) checkShare(name, config[name]);
  if (!Number.isInteger(config.listSize) || config.listSize < 1 || config.listSize > 200) throw new RangeError(`listSize must be an integer in 1..200, got ${config.listSize}`);
  if (!Number.isInteger(config.maxLists) || config.maxLists < 1) throw new RangeError(`maxLists must be a positive integer, got ${config.maxLists}`);
  if (!(config.speed > 0)) throw new RangeError(`speed must be positive, got ${config.speed}`);
  return config;
}
