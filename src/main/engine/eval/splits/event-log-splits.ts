import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { sessioniseByGap } from '../protocols/sessions';
import { temporalSplit } from '../protocols/temporal-split';
import type { ImportedEvents } from '../../datasets/delimited-events';
import { importDigineticaCsv } from '../../datasets/diginetica-csv';
import type { LoadedSplit } from './load-split';
import { importRees46Csv } from '../../datasets/rees46-csv';
import { importRetailRocketEvents } from '../../datasets/retail-rocket-events';
import { importSessionTsv } from '../../datasets/session-tsv';

interface EventLogFormat {
  name: string;
  /** True when a header line is this format's. */
  matches(header: string): boolean;
  importer(path: string): Promise<ImportedEvents>;
  /** Test window, as session-rec uses for the set (1 day for click logs, 7 for DIGINETICA). */
  testDays: number;
  /** Logs keyed by visitor, not session, are cut into sessions at 30-minute gaps. */
  resessionise: boolean;
}

const FORMATS: EventLogFormat[] = [
  { name: 'diginetica', matches: (h) => h.startsWith('session_id;'), importer: importDigineticaCsv, testDays: 7, resessionise: false },
  { name: 'retailrocket', matches: (h) => h.startsWith('timestamp,visitorid,'), importer: importRetailRocketEvents, testDays: 7, resessionise: true },
  { name: 'rees46', matches: (h) => h.startsWith('event_time,event_type,'), importer: importRees46Csv, testDays: 1, resessionise: false },
  { name: 'session-tsv', matches: (h) => h.startsWith('SessionId\t'), importer: importSessionTsv, testDays: 1, resessionise: false },
];

function headerOf(path: string): string {
  // Only the first line matters; reading 4 KiB avoids loading a large log twice.
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return (buffer.toString('utf8', 0, read).split(/\r?\n/, 1)[0] ?? '').replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}

/** Finds the single event log in a folder, if any. */
export function detectFolderLayout(folder: string, files: string[]): string | null {
  const logs = files.filter((f) => /\.(csv|tsv|txt)$/.test(f)).map((f) => join(folder, f));
  const known = logs.filter((p) => FORMATS.some((f) => f.matches(headerOf(p))));
  return known.length === 1 ? (known[0] as string) : null;
}

/** Imports one event log of a known format and cuts it by time. */
export async function loadEventLogSplit(label: string, path: string): Promise<LoadedSplit> {
  const header = headerOf(path);
  const format = FORMATS.find((f) => f.matches(header));
  if (format === undefined) throw new Error(`${path}: header "${header.slice(0, 80)}" matches no known event-log format`);
  const { events, report } = await format.importer(path);
  const sessions = format.resessionise ? sessioniseByGap(events) : events;
  return { split: temporalSplit(label, sessions, { testDays: format.testDays }), reports: [report] };
}
