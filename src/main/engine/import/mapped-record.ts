/** What a format mapper makes of one source record: candidate rows for the contract, or a reason to skip it. */
export type MappedRecord = { rows: Record<string, unknown>[] } | { skip: string };
