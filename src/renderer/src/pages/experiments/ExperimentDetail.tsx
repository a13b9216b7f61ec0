import { useState } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { useCan } from '../../app/useCan';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTimeZone, formatNumber, formatPercent } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { Experiment } from '../../transport/contract';
import { armModelNotice, canPromote, suggestedWinner } from '../../stores/experimentResults';
import { AllocationChart } from './AllocationChart';
import { ArmResultsTable, ComparisonTable } from './ArmResultsTable';

function Facts({ experiment }: { experiment: Experiment }) {
  return (
    <dl className="facts">
      <div>
        <dt>{t('experiments.detail.mode')}</dt>
        <dd>{t(`experiments.mode.${experiment.mode}`)}</dd>
      </div>
      <div>
        <dt>{t('experiments.detail.reward')}</dt>
        <dd>{t(`experiments.reward.${experiment.reward}`)}</dd>
      </div>
      <div>
        <dt>{t('experiments.detail.slots')}</dt>
        <dd className="mono">{experiment.slots.join(', ')}</dd>
      </div>
      <div>
        <dt>{t('experiments.detail.guardrail')}</dt>
        <dd>
          {experiment.guardrail.enabled
            ? t('experiments.detail.guardrailOn', { margin: formatNumber(experiment.guardrail.margin * 100), minLists: formatNumber(experiment.guardrail.minLists) })
            : t('experiments.detail.guardrailOff')}
        </dd>
      </div>
      {experiment.mode === 'bandit' ? (
        <div>
          <dt>{t('experiments.detail.floor')}</dt>
          <dd>{formatPercent(experiment.floor)}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('experiments.detail.started')}</dt>
        <dd>{experiment.startedAt === null ? t('experiments.detail.notStarted') : formatDateTimeZone(experiment.startedAt)}</dd>
      </div>
      {experiment.stoppedAt !== null ? (
        <div>
          <dt>{t('experiments.detail.stopped')}</dt>
          <dd>{formatDateTimeZone(experiment.stoppedAt)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** One experiment: what it concludes now, each arm with intervals, the comparison with control, traffic over time, and its controls. */
export function ExperimentDetail() {
  const { experiments: store, guard } = useAppStores();
  const selectedId = useAppStore('experiments', (s) => s.selectedId);
  const listed = useAppStore('experiments', (s) => s.experiments.find((e) => e.experimentId === s.selectedId) ?? null);
  const results = useAppStore('experiments', (s) => s.results);
  const canStart = useCan('experiments.start');
  const canStop = useCan('experiments.stop');
  const canPromoteArm = useCan('experiments.promote');
  const resultsError = useAppStore('experiments', (s) => s.resultsError);
  const pending = useAppStore('experiments', (s) => s.pending);
  const actionError = useAppStore('experiments', (s) => s.actionError);
  const [chosenArm, setChosenArm] = useState<string | null>(null);
  const experiment = results?.experiment ?? listed;
  if (selectedId === null || !experiment) return null;
  const winner = results ? suggestedWinner(results) : null;
  const modelNotice = results ? armModelNotice(results) : null;
  const promoteArm = chosenArm !== null && experiment.arms.some((a) => a.armId === chosenArm) ? chosenArm : (winner ?? experiment.arms[1]?.armId ?? '');
  const promoteName = experiment.arms.find((a) => a.armId === promoteArm)?.name ?? promoteArm;
  const id = experiment.experimentId;

  const stop = (): void =>
    void guard.getState().ask({
      action: { action: 'experiments.stop', experimentId: id },
      subject: experiment.name,
      run: (confirm) => store.getState().stop(id, confirm),
    });
  const promote = (): void =>
    void guard.getState().ask({
      action: { action: 'experiments.promote', experimentId: id, armId: promoteArm },
      subject: t('experiments.promote.subject', { experiment: experiment.name, arm: promoteName }),
      run: (confirm) => store.getState().promote(id, promoteArm, confirm),
    });

  return (
    <section className="panel experiment-detail" aria-labelledby="experiment-detail-title" data-testid="experiment-detail" data-experiment-id={id} data-status={experiment.status}>
      <div className="panel-head">
        <h2 id="experiment-detail-title">
          {experiment.name} <span className={`status-chip status-chip--${experiment.status}`}>{t(`experiments.status.${experiment.status}`)}</span>
        </h2>
        <div className="panel-tools">
          {experiment.status === 'draft' ? (
            <button type="button" className="button button--primary" data-testid="experiment-start" disabled={pending !== null || !canStart.allowed} title={canStart.reason ?? undefined} onClick={() => void store.getState().start(id)}>
              {pending === 'start' ? t('experiments.starting') : t('experiments.start')}
            </button>
          ) : null}
          {experiment.status === 'running' ? (
            <button type="button" className="button" data-testid="experiment-stop" disabled={pending !== null || !canStop.allowed} title={canStop.reason ?? undefined} onClick={stop}>
              {pending === 'stop' ? t('experiments.stopping') : t('experiments.stop')}
            </button>
          ) : null}
          {experiment.status === 'running' || experiment.status === 'draft' ? <NotAllowed can={experiment.status === 'draft' ? canStart : canStop} testId="experiment-not-allowed" /> : null}
        </div>
      </div>
      {experiment.hypothesis ? <p className="hypothesis">{t('experiments.detail.hypothesis', { hypothesis: experiment.hypothesis })}</p> : null}
      <Facts experiment={experiment} />
      {experiment.stopReason ? (
        <p className={experiment.stoppedBy === 'guardrail' ? 'notice notice--warning' : 'notice notice--info'} data-testid="experiment-stop-reason">
          {experiment.stoppedBy === 'guardrail' ? t('experiments.detail.stoppedByGuardrail', { reason: experiment.stopReason }) : t('experiments.detail.stoppedByOperator', { reason: experiment.stopReason })}
        </p>
      ) : null}
      {modelNotice ? (
        <p className={modelNotice.kind === 'failed' ? 'notice notice--warning' : 'notice notice--info'} data-testid="experiment-arm-models" data-state={modelNotice.kind}>
          {modelNotice.kind === 'failed'
            ? t('experiments.detail.armModelFailed', { version: modelNotice.version, error: modelNotice.error })
            : t('experiments.detail.armModelsLoading', { versions: modelNotice.versions.join(', ') })}
        </p>
      ) : null}
      {actionError ? <ErrorNotice message={actionError} /> : null}
      {resultsError ? <ErrorNotice message={resultsError} onRetry={() => void store.getState().loadResults()} /> : null}
      {results ? (
        <>
          <p className="statement" data-testid="experiment-statement">
            {results.statement}
          </p>
          <p className="muted small" data-testid="experiment-method">
            {t('experiments.detail.method', { method: results.method })}
          </p>
          <p className={`guardrail guardrail--${results.guardrail.status}`} data-testid="experiment-guardrail" data-status={results.guardrail.status}>
            <strong>{t(`experiments.guardrail.${results.guardrail.status}`)}</strong> {results.guardrail.message}
          </p>
          <ArmResultsTable results={results} />
          <h3>{t('experiments.compare.title')}</h3>
          <ComparisonTable results={results} />
          {experiment.mode === 'bandit' || results.allocations.length > 1 ? (
            <>
              <h3>{t('experiments.allocation.title')}</h3>
              <AllocationChart results={results} />
            </>
          ) : null}
        </>
      ) : !resultsError ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
      {canPromote(experiment) ? (
        <div className="promote-row">
          <h3 id="promote-title">{t('experiments.promote.title')}</h3>
          <p className="muted small">{winner ? t('experiments.promote.suggested', { arm: experiment.arms.find((a) => a.armId === winner)?.name ?? winner }) : t('experiments.promote.noWinner')}</p>
          <div className="form-actions">
            <label className="inline-field">
              <span>{t('experiments.promote.arm')}</span>
              <select data-testid="promote-arm" value={promoteArm} onChange={(e) => setChosenArm(e.target.value)}>
                {experiment.arms.map((a, i) => (
                  <option key={a.armId} value={a.armId}>
                    {i === 0 ? t('experiments.promote.controlOption', { name: a.name }) : a.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="button" data-testid="experiment-promote" disabled={pending !== null || promoteArm === '' || !canPromoteArm.allowed} title={canPromoteArm.reason ?? undefined} onClick={promote}>
              {pending === 'promote' ? t('experiments.promoting') : t('experiments.promote')}
            </button>
          </div>
        </div>
      ) : experiment.promotedArm ? (
        <p className="notice" data-testid="experiment-promoted">
          {t('experiments.promoted', { arm: experiment.arms.find((a) => a.armId === experiment.promotedArm)?.name ?? experiment.promotedArm })}
        </p>
      ) : null}
    </section>
  );
}
