import { ItemIndex } from '../../datasets/item-index';
import type { ShopperEvent } from '../../datasets/shopper-event';
import { sessionNextItemFold } from './session-next-item';
import { groupSessions, type ItemSession } from './sessions';
import type { EvalSplit } from './types';

export interface TemporalSplitOptions {
  /** Sessions ending in the last `testDays` of the log are the test set (session-rec: 1 for YOOCHOOSE, 7 for DIGINETICA). */
  testDays: number;
  /** The same cut applied inside the training part gives the validation fold. */
  validationDays?: number;
}

const DAY = 86_400;

/**
 * Temporal split for event logs: whole sessions go to test when they end after the cut, so no
 * session is split across train and test and nothing from the future leaks into training. Both
 * folds then use the session next-item protocol; the item universe is the full training set's.
 */
export function temporalSplit(dataset: string, events: readonly ShopperEvent[], options: TemporalSplitOptions): EvalSplit {
  const sessions = groupSessions(events.filter((e) => e.type !== 'remove'));
  const [train, test] = cutByTime(sessions, options.testDays);
  const [subTrain, validation] = cutByTime(train, options.validationDays ?? options.testDays);
  const index = new ItemIndex();
  const testFold = sessionNextItemFold(index, train, test);
  // Both folds share one dense index so item ids line up; numItems is fixed once both have interned.
  const validationFold = sessionNextItemFold(index, subTrain, validation);
  validationFold.train.numItems = index.size;
  testFold.train.numItems = index.size;
  return { dataset, protocol: `temporal-${options.testDays}d`, itemIds: index.ids, validation: validationFold, test: testFold };
}

function cutByTime(sessions: ItemSession[], days: number): [ItemSession[], ItemSession[]] {
  const end = sessions.reduce((m, s) => Math.max(m, s.lastTime), Number.NEGATIVE_INFINITY);
  const cut = end - days * DAY;
  return [sessions.filter((s) => s.lastTime < cut), sessions.filter((s) => s.lastTime >= cut)];
}
