import { Arm, ExperimentReward, type Experiment } from '../../../../shared/contract';
import { z } from 'zod';

/** What the `spec` column holds: the experiment as configured, apart from its name. */
export const ExperimentSpec = z.object({
  hypothesis: z.string(),
  slots: z.array(z.string()),
  mode: z.enum(['ab', 'bandit']),
  reward: ExperimentReward,
  arms: z.array(Arm),
  floor: z.number(),
  guardrail: z.object({ enabled: z.boolean(), margin: z.number(), minLists: z.number().int() }),
  alpha: z.number(),
});
export type ExperimentSpec = z.infer<typeof ExperimentSpec>;

export interface ExperimentRow {
  seq: number;
  name: string;
  spec: string;
  status: string;
  shares: string;
  created_at: number;
  started_at: number | null;
  stopped_at: number | null;
  stopped_by: string | null;
  stop_reason: string | null;
  promoted_arm: string | null;
}

/** The public id of an experiment row: 'e-' followed by its sequence number. */
export function experimentIdOf(seq: number): string {
  return `e-${seq}`;
}

/** The row sequence number behind a public id; undefined for anything that is not one. */
export function experimentSeqOf(experimentId: string): number | undefined {
  const m = /^e-([1-9][0-9]{0,14})$/.exec(experimentId);
  return m ? Number(m[1]) : undefined;
}

export function experimentOf(row: ExperimentRow): Experiment {
  const spec = ExperimentSpec.parse(JSON.parse(row.spec));
  const shares = z.array(z.number()).parse(JSON.parse(row.shares));
  return {
    experimentId: experimentIdOf(row.seq),
    name: row.name,
    ...spec,
    status: row.status === 'running' || row.status === 'stopped' ? row.status : 'draft',
    shares,
    createdAt: row.created_at,
    startedAt: row.started_at,
    stoppedAt: row.stopped_at,
    stoppedBy: row.stopped_by === 'operator' || row.stopped_by === 'guardrail' ? row.stopped_by : null,
    stopReason: row.stop_reason,
    promotedArm: row.promoted_arm,
  };
}
