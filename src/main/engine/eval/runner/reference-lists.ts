import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetImportReport } from '../../datasets/import-report';
import { readLines } from '../../datasets/line-reader';

/** One stored recommendation list: for the case whose current item is at `position` of the session. */
export interface ReferenceList {
  caseId: string;
  items: string[];
}

/**
 * Reads session-rec's `SessionId;Position;Recommendations;Scores` files. Position is the index of
 * the current item in the test session, and the list is for the item after it, which is exactly
 * our case id `session#position`.
 */
export async function readReferenceLists(path: string): Promise<{ lists: ReferenceList[]; report: DatasetImportReport }> {
  const report = new DatasetImportReport(path);
  const lists: ReferenceList[] = [];
  for await (const { lineNumber, text } of readLines(path)) {
    if (lineNumber === 1 || text.trim() === '') continue;
    const [session, position, recommendations] = text.split(';');
    if (session === undefined || session === '') report.reject(lineNumber, 'SessionId', 'empty');
    else if (position === undefined || !/^\d+$/.test(position)) report.reject(lineNumber, 'Position', `not an index: "${position ?? ''}"`);
    else if (recommendations === undefined) report.reject(lineNumber, 'Recommendations', 'missing');
    else {
      lists.push({ caseId: `${session}#${position}`, items: recommendations.split(',').filter((s) => s !== '') });
      report.accept();
    }
  }
  return { lists, report };
}

/** Finds `recommendations/*_<name>.csv` in a session-rec dataset folder. */
export function referenceFile(datasetFolder: string, name: string): string {
  const folder = join(datasetFolder, 'recommendations');
  const file = readdirSync(folder).find((f) => f.endsWith(`_${name}.csv`));
  if (file === undefined) throw new Error(`no reference list "${name}" in ${folder}`);
  return join(folder, file);
}
