import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { MessageKey } from '../../i18n/en';
import type { ImportReport } from '../../transport/contract';

const COUNTS: ReadonlyArray<[MessageKey, keyof Pick<ImportReport, 'rowsRead' | 'stored' | 'duplicates' | 'rejected' | 'skipped'>]> = [
  ['import.report.rowsRead', 'rowsRead'],
  ['import.report.stored', 'stored'],
  ['import.report.duplicates', 'duplicates'],
  ['import.report.rejected', 'rejected'],
  ['import.report.skipped', 'skipped'],
];

/** The outcome of one import: the counts, then each rejected row with where and why, so the file can be fixed. */
export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <section className="panel" data-testid="import-report" aria-labelledby="import-report-title">
      <h2 id="import-report-title">{t('import.report.title', { file: report.file })}</h2>
      {report.cancelled ? <p role="status">{t('import.report.cancelled')}</p> : null}
      <p className="muted">{t('import.report.linesRead', { lines: formatNumber(report.linesRead) })}</p>
      <dl className="kpi-grid">
        {COUNTS.map(([label, field]) => (
          <div key={field} className={`kpi-tile kpi-tile--${field}`}>
            <dt>{t(label)}</dt>
            <dd>
              <span className="kpi-value" data-field={field}>
                {formatNumber(report[field])}
              </span>
            </dd>
          </div>
        ))}
      </dl>
      {Object.keys(report.skippedReasons).length > 0 ? (
        <dl className="type-breakdown" aria-label={t('import.report.skippedReasons')}>
          {Object.entries(report.skippedReasons).map(([reason, count]) => (
            <div key={reason}>
              <dt>{reason}</dt>
              <dd>{formatNumber(count)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {report.warnings.length > 0 ? (
        <>
          <h3>{t('import.report.warnings')}</h3>
          <RowTable rows={report.warnings} testId="import-warnings" />
        </>
      ) : null}
      {report.rejections.length > 0 ? (
        <>
          <h3>{t('import.report.rejections')}</h3>
          {report.rejections.length < report.rejected ? (
            <p className="muted">{t('import.report.rejectionsShown', { shown: formatNumber(report.rejections.length), total: formatNumber(report.rejected) })}</p>
          ) : null}
          <RowTable rows={report.rejections} testId="import-rejections" />
        </>
      ) : null}
    </section>
  );
}

/** Rows with where and why: file, line, field, reason. */
function RowTable({ rows, testId }: { rows: ImportReport['rejections']; testId: string }) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('import.report.col.file')}</th>
            <th scope="col" className="num">
              {t('import.report.col.line')}
            </th>
            <th scope="col">{t('import.report.col.field')}</th>
            <th scope="col">{t('import.report.col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, index) => (
            <tr key={`${r.line}:${r.field}:${index}`}>
              <td className="ellipsis">{r.file}</td>
              <td className="num">{r.line}</td>
              <td className="mono">{r.field}</td>
              <td className="wrap">{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
