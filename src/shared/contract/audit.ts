import { z } from 'zod';

/** One write in the audit log: who changed what, when, why, with the figures at that moment. */
export const AuditEntry = z.object({
  seq: z.number().int(),
  ts: z.number(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListRequest = z
  .object({
    limit: z.number().int().min(1).max(500).default(100),
    /** Entries older than this seq (paging back). */
    beforeSeq: z.number().int().min(1).optional(),
    /** Actions starting with this ('weights.' or 'fusion-weights.set'). */
    action: z.string().min(1).max(100).optional(),
    actor: z.string().min(1).max(200).optional(),
    /** Words in the target or the detail. */
    text: z.string().min(1).max(200).optional(),
    from: z.number().int().min(0).optional(),
    to: z.number().int().min(0).optional(),
  })
  .strict()
  // A reversed range is a field error, not a silent empty page.
  .refine((r) => r.from === undefined || r.to === undefined || r.to >= r.from, { path: ['to'], message: 'must not be before from' });
export type AuditListRequest = z.infer<typeof AuditListRequest>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** Distinct actions in the log, for the filter. */
  actions: z.array(z.string()),
  /** Pass as beforeSeq for the next page; null at the end. */
  nextBeforeSeq: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const auditMethods = {
  'audit.list': { input: AuditListRequest, output: AuditPage },
} as const;
