import { z } from 'zod';

export const StoreStats = z.object({
  items: z.number().int(),
  events: z.number().int(),
  sessions: z.number().int(),
  /** Sessions with an event (by event time) in the last 30 minutes. */
  activeSessions: z.number().int(),
  shoppers: z.number().int(),
  eventsByType: z.record(z.string(), z.number().int()),
  lastEventTs: z.number().nullable(),
  schemaVersion: z.number().int(),
});
export type StoreStats = z.infer<typeof StoreStats>;

/** One ONNX Runtime session's execution provider, as the engine's resolver recorded it (docs/GPU.md). */
export const SessionProviderInfo = z.object({
  /** 'text-encoder', 'text-encoder-pool', 'image-encoder', 'intent-model', 'training:softmax-loss', ... */
  session: z.string(),
  provider: z.enum(['cpu', 'cuda', 'dml', 'coreml']),
  /** Why an earlier provider was not used; null when the first choice was. */
  fallbackReason: z.string().nullable(),
  /** Nodes per provider in the warm-up run, as ONNX Runtime's profiler placed them. */
  placement: z.record(z.string(), z.number().int()).nullable(),
  warmUpMs: z.number(),
});
export type SessionProviderInfo = z.infer<typeof SessionProviderInfo>;

export const ExecutionProviderInfo = z.object({
  /** 'auto', 'cpu', 'cuda', 'dml' or 'coreml'; and where it came from. */
  choice: z.string(),
  source: z.enum(['setting', 'env', 'default']),
  sessions: z.array(SessionProviderInfo),
});
export type ExecutionProviderInfo = z.infer<typeof ExecutionProviderInfo>;

export const EngineInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  transport: z.string(),
  startedAt: z.number(),
  /** The text encoder's model version and the ONNX Runtime execution provider it runs on; null until loaded. */
  textModel: z.object({ modelVersion: z.string(), provider: z.string(), dimensions: z.number().int() }).nullable(),
  /** Why the text encoder is not loaded, when it is not. */
  textModelError: z.string().nullable(),
  /** The execution-provider choice and every ONNX Runtime session's provider, fallback reason and warm-up. */
  executionProviders: ExecutionProviderInfo,
});
export type EngineInfo = z.infer<typeof EngineInfo>;

export const SessionSummary = z.object({
  sessionId: z.string(),
  shopperId: z.string(),
  startedAt: z.number(),
  lastEventAt: z.number(),
  eventCount: z.number().int(),
  /** Purchase events in the session (absent from a summary the console built from pushed events). */
  purchases: z.number().int().optional(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const ListSessionsRequest = z
  .object({
    limit: z.number().int().min(1).max(500).default(50),
    shopperId: z.string().min(1).max(128).optional(),
    /** Only sessions with (true) or without (false) a purchase. */
    purchased: z.boolean().optional(),
    /** Only sessions started at or after this time (epoch ms). */
    startedFrom: z.number().int().min(0).optional(),
    /** Only sessions started before this time (epoch ms). */
    startedBefore: z.number().int().min(0).optional(),
    /** Only sessions with at least / at most this many events. */
    minEvents: z.number().int().min(1).max(1_000_000).optional(),
    maxEvents: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict()
  // Reversed bounds are a field error, not a silent empty page.
  .refine((r) => r.startedFrom === undefined || r.startedBefore === undefined || r.startedBefore >= r.startedFrom, { path: ['startedBefore'], message: 'must not be before startedFrom' })
  .refine((r) => r.minEvents === undefined || r.maxEvents === undefined || r.maxEvents >= r.minEvents, { path: ['maxEvents'], message: 'must not be below minEvents' });
export type ListSessionsRequest = z.infer<typeof ListSessionsRequest>;
