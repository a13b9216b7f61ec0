/** One forward-only schema change. `version` must be the next integer after the previous migration's. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}
