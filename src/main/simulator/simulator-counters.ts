/** Running totals of what simulated shoppers did. */
export interface SimulatorCounters {
  /** Sessions started. */
  sessions: number;
  /** Sessions that ended (done, stopped or failed). */
  sessionsEnded: number;
  lists: number;
  clicks: number;
  /** Clicks sent with impressionId and position. */
  explicitClicks: number;
  carts: number;
  purchases: number;
  /** Sum of price x quantity over purchases. */
  revenue: number;
  /** Engine calls that failed. */
  errors: number;
  /** Arrivals turned away because the cap on concurrent sessions was reached. */
  droppedArrivals: number;
}

/** What one session did. */
export interface SessionOutcome {
  readonly sessionId: string;
  readonly shopperId: string;
  readonly lists: number;
  readonly clicks: number;
  readonly explicitClicks: number;
  readonly carts: number;
  readonly purchases: number;
  readonly revenue: number;
}

export function emptyCounters(): SimulatorCounters {
  return { sessions: 0, sessionsEnded: 0, lists: 0, clicks: 0, explicitClicks: 0, carts: 0, purchases: 0, revenue: 0, errors: 0, droppedArrivals: 0 };
}
