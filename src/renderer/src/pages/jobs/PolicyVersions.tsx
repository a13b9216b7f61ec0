import { useEffect } from 'react';
import { goToPage } from '../../app/goToPage';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { OrDash } from '../../components/Dash';
import { rewardText } from '../../components/rewardText';
import { formatDateTime, formatNumber, formatPercent } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { formatReward } from '../../stores/offPolicy';
import { policyRow, servingPolicy, type PolicyRow } from '../../stores/rankingPolicies';
import { ROLLBACK_POLICY, type PoliciesAnnouncement } from '../../stores/policiesStore';
import { RegistryHeader } from './RegistryHeader';

function announcementText(a: PoliciesAnnouncement | null): string {
  if (!a) return '';
  if (a.change === 'rewardSaved') return t('reward.saved');
  if (a.change === 'promoted') return t('policies.announce.promoted', { version: a.version ?? '' });
  return a.version ? t('policies.announce.rolledBack', { version: a.version }) : t('policies.announce.rolledBackWeights');
}

function relativeText(relative: number | null): string {
  if (relative === null) return '';
  if (relative === 0) return ` (${formatPercent(0)})`;
  return ` (${relative > 0 ? '+' : '−'}${formatPercent(Math.abs(relative))})`;
}

function EstimateCell({ row }: { row: PolicyRow }) {
  const { value, low, high } = row.estimate;
  return (
    <td className="num" data-testid="policy-estimate" data-value={value ?? ''} data-low={low ?? ''} data-high={high ?? ''}>
      <OrDash value={formatReward(value)} />
      {low !== null && high !== null ? <div className="metric-ci">{t('policies.interval', { low: formatReward(low) ?? '', high: formatReward(high) ?? '' })}</div> : null}
      {value === null ? <div className="muted small">{t('policies.noEstimate')}</div> : null}
    </td>
  );
}

function DifferenceCell({ row }: { row: PolicyRow }) {
  if (row.difference === null) return <td className="num">{<OrDash value={null} />}</td>;
  const { low, high } = row.estimate;
  const serving = row.servingValue;
  // Better or worse with confidence only when the interval leaves serving out.
  const direction = serving !== null && low !== null && low > serving ? 'up' : serving !== null && high !== null && high < serving ? 'down' : 'flat';
  const sign = row.difference > 0 ? '+' : row.difference < 0 ? '−' : '';
  return (
    <td className={`num delta delta--${direction}`} data-testid="policy-difference" data-direction={direction}>
      {`${sign}${formatReward(Math.abs(row.difference)) ?? ''}${relativeText(row.relative)}`}
      <div className="muted small">{t(`policies.verdict.${direction}`)}</div>
    </td>
  );
}

/**
 * The learned ranking policies: each version's off-policy estimate on the lists it was not trained on
 * against serving's reward on the same lists (interval and support), promote and roll back through the
 * risk dialog, and "Use in an experiment" to test it online first.
 */
export function PolicyVersions() {
  const { policies: store, guard, experiments } = useAppStores();
  const versions = useAppStore('policies', (s) => s.versions);
  const loaded = useAppStore('policies', (s) => s.loaded);
  const loading = useAppStore('policies', (s) => s.loading);
  const error = useAppStore('policies', (s) => s.error);
  const pending = useAppStore('policies', (s) => s.pending);
  const actionError = useAppStore('policies', (s) => s.actionError);
  const announcement = useAppStore('policies', (s) => s.announcement);
  useEffect(() => {
    void store.getState().load();
  }, [store]);
  const rows = versions.map(policyRow);
  const serving = servingPolicy(versions);
  const useInExperiment = (row: PolicyRow): void => {
    const version = row.version.version;
    experiments.getState().openNew({
      policyVersion: version,
      ...(row.slot ? { slot: row.slot } : {}),
      name: t('policies.experiment.name', { version }),
      armName: t('policies.experiment.arm', { version }),
    });
    goToPage('experiments');
  };
  return (
    <section className="panel" aria-labelledby="policies-title" data-testid="policy-versions-panel">
      <RegistryHeader
        prefix="policies"
        rollbackTestId="policy-rollback"
        noneServing={serving === null}
        pending={pending}
        rollbackMarker={ROLLBACK_POLICY}
        loading={loading}
        error={error}
        actionError={actionError}
        announcement={announcementText(announcement)}
        onRollback={() => void guard.getState().ask({ action: { action: 'policies.rollback' }, run: (confirm) => store.getState().rollback(confirm) })}
        onReload={() => void store.getState().load()}
      >
        <p data-testid="serving-policy" data-version={serving?.version ?? ''}>
          {serving ? t('policies.servingNow', { version: serving.version }) : t('policies.noneServing')}
        </p>
      </RegistryHeader>
      <div className="table-scroll" aria-busy={loading}>
        <table className="data-table policy-table" data-testid="policy-versions">
          <caption className="table-caption">{t('policies.table.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('policies.col.version')}</th>
              <th scope="col">{t('policies.col.status')}</th>
              <th scope="col" className="num">
                {t('policies.col.trained')}
              </th>
              <th scope="col" className="num">
                {t('policies.col.estimate')}
              </th>
              <th scope="col" className="num">
                {t('policies.col.serving')}
              </th>
              <th scope="col" className="num">
                {t('policies.col.difference')}
              </th>
              <th scope="col" className="num">
                {t('policies.col.support')}
              </th>
              <th scope="col">
                <span className="sr-only">{t('policies.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const v = row.version;
              return (
                <tr
                  key={v.version}
                  className={row.serving ? 'model-row--serving' : undefined}
                  aria-current={row.serving ? 'true' : undefined}
                  data-testid="policy-row"
                  data-version={v.version}
                  data-status={v.status}
                >
                  <th scope="row" className="cell-wrap">
                    <span className="mono">{v.version}</span>
                    <div className="muted small">{t('policies.trainedAt', { when: formatDateTime(v.createdAt), slot: row.slot ?? t('common.none') })}</div>
                    {row.reward ? <div className="muted small">{rewardText(row.reward)}</div> : null}
                  </th>
                  <td>
                    <span className={`model-status model-status--${v.status}`}>{t(`models.status.${v.status}`)}</span>
                  </td>
                  <td className="num nowrap">
                    <OrDash value={row.lists === null ? null : t('policies.trained.lists', { lists: formatNumber(row.lists) })} />
                    {row.items !== null ? <div className="muted small">{t('policies.trained.items', { items: formatNumber(row.items) })}</div> : null}
                  </td>
                  <EstimateCell row={row} />
                  <td className="num" data-testid="policy-serving" data-value={row.servingValue ?? ''}>
                    <OrDash value={formatReward(row.servingValue)} />
                  </td>
                  <DifferenceCell row={row} />
                  <td className="num" data-testid="policy-support" data-value={row.support ?? ''}>
                    <OrDash value={row.support === null ? null : formatPercent(row.support)} />
                    {row.heldOutLists !== null ? <div className="muted small">{t('policies.heldOut', { lists: formatNumber(row.heldOutLists) })}</div> : null}
                  </td>
                  <td>
                    <div className="policy-actions">
                      {row.serving ? null : (
                        <button
                          type="button"
                          className="button button--small"
                          data-testid="policy-promote"
                          disabled={pending !== null}
                          aria-label={t('policies.promote.label', { version: v.version })}
                          onClick={() =>
                            void guard.getState().ask({
                              action: { action: 'policies.promote', version: v.version },
                              subject: t('policies.promote.subject', { version: v.version, slot: row.slot ?? '' }),
                              run: (confirm) => store.getState().promote(v.version, confirm),
                            })
                          }
                        >
                          {pending === v.version ? t('policies.promoting') : t('policies.promote')}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button--small"
                        data-testid="policy-experiment"
                        aria-label={t('policies.experiment.label', { version: v.version })}
                        onClick={() => useInExperiment(row)}
                      >
                        {t('policies.experiment')}
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {loaded && rows.length === 0 ? <p className="empty">{t('policies.empty')}</p> : null}
      </div>
    </section>
  );
}
