import { z } from 'zod';
import { StoredEvent } from './events';
import { ImportTask } from './imports';
import { Job } from './jobs';
import { OpenedFile } from './settings';
import { StoreStats } from './stats';

/** Push messages from engine to clients, each with its payload schema. */
export const topics = {
  'events.ingested': z.array(StoredEvent),
  'stats.changed': StoreStats,
  'jobs.progress': Job,
  'imports.changed': ImportTask,
  /** Desktop app only: a file the OS opened with Instinct, for the Import page. */
  'app.openFile': OpenedFile,
} as const;

export type Topics = typeof topics;
export type TopicName = keyof Topics;
export type TopicPayload<T extends TopicName> = z.output<Topics[T]>;
export const TOPIC_NAMES = Object.keys(topics) as TopicName[];

export function isTopicName(name: unknown): name is TopicName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(topics, name);
}
