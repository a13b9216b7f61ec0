import { z } from 'zod';

/** The execution providers a user may prefer (docs/GPU.md); 'auto' follows the platform's table. */
export const ExecutionProviderPreference = z.enum(['auto', 'cpu', 'cuda', 'dml', 'coreml']);
export type ExecutionProviderPreference = z.infer<typeof ExecutionProviderPreference>;

/** Console languages: 'system' follows the browser or OS; English is the only table so far. */
export const ConsoleLanguage = z.enum(['system', 'en']);
export type ConsoleLanguage = z.infer<typeof ConsoleLanguage>;

const RemoteUrl = z
  .string()
  .max(500)
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'an http or https URL');

/**
 * A host the console may load product images from (its content security policy's `img-src`):
 * `https://host[:port]`, `https://*.host` for every subdomain, or plain http on this machine
 * (`http://localhost[:port]`, `http://127.0.0.1[:port]`). No path: a policy source with one would
 * match only that path. Nothing else gets in (a space, quote or `;` would add to the policy).
 */
export const ImageOrigin = z
  .string()
  .max(200)
  .transform((o) => o.toLowerCase().replace(/\/$/, ''))
  .refine((o) => /^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/.test(o) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/.test(o), {
    message: 'an https origin such as https://cdn.example.com or https://*.example.com (no path), or http://localhost:PORT',
  });

/** At most 50 image hosts, each once. */
const ImageOrigins = z
  .array(ImageOrigin)
  .max(50)
  .transform((list) => [...new Set(list)]);

/** Which engine the desktop app uses: its own (the default) or a headless one by URL (applies on restart). */
export const EngineChoice = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }).strict(),
  z.object({ mode: z.literal('remote'), url: RemoteUrl, token: z.string().max(500) }).strict(),
]);
export type EngineChoice = z.infer<typeof EngineChoice>;

/**
 * What the settings file holds (settings.json, mode 0600). Every field has a default, so an older or
 * partial file still reads; a file that does not parse is replaced by the defaults with a warning.
 */
export const AppSettings = z
  .object({
    /** Store folder of the desktop app; null = the platform's default. Takes effect after a restart. */
    dataDir: z.string().min(1).max(1000).nullable().default(null),
    executionProvider: ExecutionProviderPreference.default('auto'),
    /** Encoder worker threads of the embedding job; null = one per core up to 4; 0 = in-process. */
    encoderWorkers: z.number().int().min(0).max(16).nullable().default(null),
    engine: EngineChoice.default({ mode: 'local' }),
    language: ConsoleLanguage.default('system'),
    /** Hosts product images may come from (docs/SEARCH.md, "Product images"); each console window uses the list it loaded with. */
    imageOrigins: ImageOrigins.default([]),
  })
  .strict();
export type AppSettings = z.infer<typeof AppSettings>;
export const DEFAULT_SETTINGS: AppSettings = AppSettings.parse({});

/** The engine choice as a console sees it: the token never leaves the engine, only whether one is set. */
export const EngineChoiceView = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }),
  z.object({ mode: z.literal('remote'), url: z.string(), hasToken: z.boolean() }),
]);

export const SettingsView = z.object({
  settings: AppSettings.omit({ engine: true }).extend({ engine: EngineChoiceView }),
  /** Where the file is, shown on the page. */
  file: z.string(),
  /** Set when the file could not be read and the defaults are in use. */
  warning: z.string().nullable(),
  /** The data folder and execution provider the running engine actually uses. */
  effective: z.object({ dataDir: z.string(), executionProvider: z.string() }),
  /** Settings saved but not in effect until the app restarts. */
  restartPending: z.array(z.enum(['dataDir', 'executionProvider', 'encoderWorkers', 'engine'])),
  logsDir: z.string(),
});
export type SettingsView = z.infer<typeof SettingsView>;

/** A change: fields left out stay as they are; a remote engine without a token keeps the stored token. */
export const SetSettingsRequest = z
  .object({
    dataDir: z.string().min(1).max(1000).nullable().optional(),
    executionProvider: ExecutionProviderPreference.optional(),
    encoderWorkers: z.number().int().min(0).max(16).nullable().optional(),
    engine: z
      .discriminatedUnion('mode', [
        z.object({ mode: z.literal('local') }).strict(),
        z.object({ mode: z.literal('remote'), url: RemoteUrl, token: z.string().max(500).optional() }).strict(),
      ])
      .optional(),
    language: ConsoleLanguage.optional(),
    imageOrigins: ImageOrigins.optional(),
  })
  .strict();
export type SetSettingsRequest = z.infer<typeof SetSettingsRequest>;

/** Versions shown in the About box. */
export const EngineVersions = z.object({
  instinct: z.string(),
  node: z.string(),
  electron: z.string().nullable(),
  onnxRuntime: z.string().nullable(),
  models: z.array(z.object({ name: z.string(), version: z.string() })),
});
export type EngineVersions = z.infer<typeof EngineVersions>;

/** "Reveal logs": the desktop app shows the folder in the file manager; a browser gets the path. */
export const RevealLogsResult = z.object({ path: z.string(), revealed: z.boolean() });
export type RevealLogsResult = z.infer<typeof RevealLogsResult>;

/** A CSV or JSONL file the operating system opened with Instinct, handed to the console's Import page. */
export const OpenedFile = z.object({
  fileName: z.string(),
  size: z.number().int().min(0),
  /** null when the file is too large for the console (the CLI imports it) or could not be read. */
  content: z.string().nullable(),
});
export type OpenedFile = z.infer<typeof OpenedFile>;

const Empty = z.object({}).strict().default({});

export const settingsMethods = {
  'settings.get': { input: Empty, output: SettingsView },
  /** Audited (the token is never written to the audit log). */
  'settings.set': { input: SetSettingsRequest, output: SettingsView },
  'engine.versions': { input: Empty, output: EngineVersions },
  'logs.reveal': { input: Empty, output: RevealLogsResult },
} as const;
