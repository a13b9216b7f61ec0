import { shellMessages } from './en/shell';
import { dataPageMessages } from './en/data-pages';
import { jobsAndModelsMessages } from './en/jobs-models';
import { tuningAndInspectorMessages } from './en/tuning-inspector';
import { rulesMessages } from './en/rules';
import { ruleTransferMessages } from './en/rule-transfer';
import { performanceMessages } from './en/performance';
import { experimentsMessages } from './en/experiments';
import { auditMessages } from './en/audit';
import { guardMessages } from './en/guard';
import { learningMessages } from './en/learning';
import { settingsMessages } from './en/settings';
import { teamMessages } from './en/team';
import { searchMessages } from './en/search';
import { collectionsMessages } from './en/collections';

/**
 * Every user-facing English string, one table assembled from a file per area of the console.
 * Keys are prefixed by page, so the parts never collide; `{name}` marks a parameter. A
 * translation is a `Messages` object with the same keys, so the compiler lists anything missing.
 */
export const en = {
  ...shellMessages,
  ...dataPageMessages,
  ...jobsAndModelsMessages,
  ...tuningAndInspectorMessages,
  ...rulesMessages,
  ...ruleTransferMessages,
  ...performanceMessages,
  ...experimentsMessages,
  ...auditMessages,
  ...guardMessages,
  ...learningMessages,
  ...settingsMessages,
  ...teamMessages,
  ...searchMessages,
  ...collectionsMessages,
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
