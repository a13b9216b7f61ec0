/**
 * The electron-builder configuration as package:check reads it: electron-builder.yml, parsed, and
 * validated against the JSON schema electron-builder itself ships (app-builder-lib/scheme.json).
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { load } from 'js-yaml';

/** The parts of the configuration the checks read; the schema validates the rest. */
export interface ResourceEntry {
  from: string;
  to?: string;
  filter?: string | string[];
}

export interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: (string | ResourceEntry)[];
  asar?: boolean | Record<string, unknown>;
  asarUnpack?: string | string[];
  extraResources?: (string | ResourceEntry)[] | string | ResourceEntry;
  npmRebuild?: boolean;
  buildDependenciesFromSource?: boolean;
  fileAssociations?: { ext: string | string[] }[] | { ext: string | string[] };
  afterSign?: string | null;
  [key: string]: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readBuilderConfig(path: string): BuilderConfig {
  const parsed: unknown = load(readFileSync(path, 'utf8'));
  if (!isRecord(parsed)) throw new Error(`${path}: not a YAML mapping`);
  return parsed as BuilderConfig;
}

/** Schema errors as lines naming the setting, empty when the configuration is valid. */
export function schemaErrors(config: BuilderConfig, schema: object): string[] {
  // The schema uses electron-builder's own `typeof` keyword (hooks may be functions); declare it so
  // strict mode checks everything else, and treat it as a pass (a YAML file cannot hold a function).
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addKeyword({ keyword: 'typeof', schemaType: 'string', validate: () => false, errors: false });
  const validate = ajv.compile(schema);
  if (validate(config)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}${error.params && 'additionalProperty' in error.params ? `: ${String(error.params.additionalProperty)}` : ''}`);
}

export function asList<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
