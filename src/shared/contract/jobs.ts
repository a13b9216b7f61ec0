import { z } from 'zod';

export const JOB_KINDS = ['embed-catalogue', 'fine-tune', 'auto-tune', 'train-policy'] as const;
export const JobKind = z.enum(JOB_KINDS);
export type JobKind = z.infer<typeof JobKind>;

export const JOB_STATUSES = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export const JobStatus = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatus>;

export const JobProgress = z.object({
  done: z.number(),
  total: z.number(),
  /** Units per second so far. */
  rate: z.number(),
  etaSeconds: z.number().nullable(),
  message: z.string().optional(),
  /** Free-form figures a job streams (loss, validation metric ...). */
  metrics: z.record(z.string(), z.number()).optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const Job = z.object({
  jobId: z.string(),
  kind: JobKind,
  status: JobStatus,
  params: z.record(z.string(), z.unknown()),
  progress: JobProgress.nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type Job = z.infer<typeof Job>;

export const ListJobsRequest = z.object({ limit: z.number().int().min(1).max(200).default(20), kind: JobKind.optional() }).strict();
export const JobIdRequest = z.object({ jobId: z.string().min(1).max(64) }).strict();
export const StartEmbeddingRequest = z.object({ variant: z.enum(['int8', 'fp32']).default('int8') }).strict();
