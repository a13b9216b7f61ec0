import { z } from 'zod';
import { QueryCondition, RuleSchedule, RuleTarget, type Rule, type RuleKind } from '../../../../shared/contract/recommendations';

/** The `rules` table's columns, as better-sqlite3 returns them. */
export interface RuleRow {
  seq: number;
  kind: string;
  target: string;
  strength: number;
  position: number | null;
  slot: string;
  starts_at: number | null;
  ends_at: number | null;
  enabled: number;
  note: string;
  /** JSON { query, category, segment, collection, schedule, url }; '{}' on rules written before migration 007 (no segment before segments, no collection before collections). */
  conditions: string;
  created_at: number;
  updated_at: number;
}

const RULE_ID = /^r-([1-9][0-9]{0,15})$/;

export function ruleIdOf(seq: number): string {
  return `r-${seq}`;
}

/** The table's key for a public rule id, or undefined when the id is not of the form r-<n>. */
export function seqOfRuleId(ruleId: string): number | undefined {
  const m = RULE_ID.exec(ruleId);
  return m ? Number(m[1]) : undefined;
}

const Conditions = z.object({
  query: QueryCondition.nullable().default(null),
  category: z.string().nullable().default(null),
  segment: z.string().nullable().default(null),
  collection: z.string().nullable().default(null),
  schedule: RuleSchedule.nullable().default(null),
  url: z.string().nullable().default(null),
});
export type RuleConditions = z.infer<typeof Conditions>;

export function toRule(row: RuleRow): Rule {
  const conditions = Conditions.parse(JSON.parse(row.conditions ?? '{}'));
  return {
    ruleId: ruleIdOf(row.seq),
    kind: row.kind as RuleKind,
    target: RuleTarget.parse(JSON.parse(row.target)),
    strength: row.strength,
    ...(row.position !== null ? { position: row.position } : {}),
    slot: row.slot,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    enabled: row.enabled === 1,
    note: row.note,
    ...conditions,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
