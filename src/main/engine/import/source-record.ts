/** One parsed input record with where it came from, before mapping onto the contract. */
export interface SourceRecord {
  line: number;
  value: Record<string, unknown>;
}

/** A record the importer could not use, with where and why. */
export interface RecordProblem {
  line: number;
  field: string;
  reason: string;
}

export interface ParsedRecords {
  records: SourceRecord[];
  problems: RecordProblem[];
}
