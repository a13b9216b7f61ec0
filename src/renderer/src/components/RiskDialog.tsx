import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useAppStore, useAppStores } from '../app/StoresContext';
import { formatPercent } from '../i18n/format';
import { t } from '../i18n/translate';
import type { Assessment } from '../transport/contract';
import { blockedReason, canConfirm, isDataAction, MAX_REASON_LENGTH, MIN_REASON_LENGTH, reasonRequired } from '../stores/guardStore';
import { actionSubject, formatFigure, formatFigureDifference, formatFigureInterval } from '../stores/guardFigures';
import { OrDash } from './Dash';
import { ErrorNotice } from './ErrorNotice';

const FOCUSABLE = 'button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab cycle inside the dialog (a modal `<dialog>` already makes the page behind it inert). */
function trapFocus(event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && (document.activeElement === first || !event.currentTarget.contains(document.activeElement))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

function Figures({ assessment }: { assessment: Assessment }) {
  if (assessment.figures.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="data-table risk-figures" data-testid="risk-figures">
        <caption className="sr-only">{t('guard.figures.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('guard.figures.col.figure')}</th>
            <th scope="col" className="num">
              {t('guard.figures.col.serving')}
            </th>
            <th scope="col" className="num">
              {t('guard.figures.col.candidate')}
            </th>
            <th scope="col" className="num">
              {t('guard.figures.col.difference')}
            </th>
            <th scope="col" className="num">
              {t('guard.figures.col.interval')}
            </th>
          </tr>
        </thead>
        <tbody>
          {assessment.figures.map((f, i) => (
            <tr key={`${f.label}-${i}`} className={f.worse ? 'is-worse' : undefined} data-testid="risk-figure" data-worse={f.worse ? 'true' : 'false'}>
              <th scope="row" className="cell-wrap">
                {f.label}
                <div className="muted small">{t(`guard.source.${f.source}`)}</div>
                {f.worse ? <span className="badge badge--worse">{t('guard.figures.worse')}</span> : null}
              </th>
              <td className="num">
                <OrDash value={formatFigure(f.serving)} />
              </td>
              <td className="num">
                <OrDash value={formatFigure(f.candidate)} />
              </td>
              <td className={f.worse ? 'num delta-down' : 'num'}>
                <OrDash value={formatFigureDifference(f)} />
              </td>
              <td className="num">
                <OrDash value={formatFigureInterval(f)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The one confirmation for changes that alter what shoppers see. Before the change it asks the engine
 * (`guard.assess`) what would happen, shows the effects in words and the figures against what serves,
 * and — when a figure is worse by more than the threshold — asks for a reason that goes into the audit log.
 */
export function RiskDialog() {
  const { guard } = useAppStores();
  const request = useAppStore('guard', (s) => s.request);
  const assessment = useAppStore('guard', (s) => s.assessment);
  const assessing = useAppStore('guard', (s) => s.assessing);
  const assessError = useAppStore('guard', (s) => s.assessError);
  const reason = useAppStore('guard', (s) => s.reason);
  const running = useAppStore('guard', (s) => s.running);
  const runError = useAppStore('guard', (s) => s.runError);
  const engineAsked = useAppStore('guard', (s) => s.engineAsked);
  const allowed = useAppStore('guard', (s) => canConfirm(s));
  const required = reasonRequired({ request, assessment, assessError, engineAsked });
  const blocked = blockedReason({ assessment });
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (request && !dialog.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      titleRef.current?.focus();
    } else if (!request && dialog.open) {
      dialog.close();
      // Back to the button that opened it, if it is still there.
      if (returnFocus.current?.isConnected) returnFocus.current.focus();
      returnFocus.current = null;
    }
  }, [request]);

  // When the figures turn out worse, the reason is what the operator must do next.
  useEffect(() => {
    if (required && !blocked && !assessing && request) reasonRef.current?.focus();
  }, [required, blocked, assessing, request]);

  const action = request?.action.action;
  // Erasure and retention delete data: the dialog says what goes, and always wants a reason.
  const deletes = request ? isDataAction(request.action) : false;
  const anyway = (assessment?.worse ?? false) || (required && !request?.reasonAlwaysRequired);
  const state = !request ? 'closed' : assessing ? 'assessing' : assessError ? 'error' : 'ready';
  const reasonTooShort = reason.trim() !== '' && reason.trim().length < MIN_REASON_LENGTH;
  return (
    <dialog
      ref={dialogRef}
      className="risk-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="risk-title"
      aria-describedby="risk-summary"
      aria-busy={assessing}
      data-testid="risk-dialog"
      data-state={state}
      data-worse={assessment?.worse ? 'true' : 'false'}
      data-blocked={blocked ? 'true' : 'false'}
      onCancel={(e) => {
        // Escape: the store decides (a change already under way cannot be called back).
        e.preventDefault();
        guard.getState().cancel();
      }}
      onClose={() => {
        // Closed by the browser itself (a repeated Escape): keep the store in step.
        const s = guard.getState();
        if (s.request && !s.running) s.cancel();
      }}
      onKeyDown={trapFocus}
    >
      {request && action ? (
        <form
          className="risk-body"
          onSubmit={(e) => {
            e.preventDefault();
            void guard.getState().confirm();
          }}
        >
          <h2 id="risk-title" tabIndex={-1} ref={titleRef}>
            {t(`guard.title.${action}`, actionSubject(request.action))}
          </h2>
          {request.subject ? <p className="risk-subject">{request.subject}</p> : null}
          <div id="risk-summary">
            {assessing ? (
              <p className="muted" role="status">
                {t('guard.assessing')}
              </p>
            ) : null}
            {assessError ? (
              <>
                <ErrorNotice message={assessError} onRetry={() => void guard.getState().reassess()} />
                <p className="notice notice--warning">{t('guard.unassessed')}</p>
              </>
            ) : null}
            {assessment ? (
              <>
                {blocked ? (
                  <p className="notice notice--error" data-testid="risk-blocked">
                    {t('guard.blocked', { reason: blocked })}
                  </p>
                ) : null}
                {assessment.worse ? (
                  <p className="notice notice--warning" data-testid="risk-worse">
                    {t('guard.worse', { threshold: formatPercent(assessment.thresholdRelative) })}
                  </p>
                ) : null}
                <h3>{deletes ? t('guard.effects.deletes') : t('guard.effects')}</h3>
                {assessment.effects.length > 0 ? (
                  <ul className="risk-effects" data-testid="risk-effects">
                    {assessment.effects.map((effect, i) => (
                      <li key={i}>{effect}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">{t('guard.noEffects')}</p>
                )}
              </>
            ) : null}
          </div>
          {assessment ? <Figures assessment={assessment} /> : null}
          {assessment && assessment.missing.length > 0 ? (
            <div className="risk-missing" data-testid="risk-missing">
              <h3>{t('guard.missing')}</h3>
              <ul>
                {assessment.missing.map((note, i) => (
                  <li key={i}>{note}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {engineAsked ? <p className="notice notice--warning">{t('guard.engineAsked')}</p> : null}
          <div className={required && reasonTooShort ? 'field has-error' : 'field'}>
            <label htmlFor="risk-reason">{required ? t('guard.reason.required') : t('guard.reason.optional')}</label>
            <textarea
              id="risk-reason"
              ref={reasonRef}
              rows={2}
              maxLength={MAX_REASON_LENGTH}
              value={reason}
              required={required}
              aria-required={required}
              aria-invalid={reasonTooShort}
              aria-describedby="risk-reason-hint"
              data-testid="risk-reason"
              disabled={running || blocked !== null}
              onChange={(e) => guard.getState().setReason(e.target.value)}
            />
            <span id="risk-reason-hint" className={reasonTooShort ? 'field-error' : 'field-hint'}>
              {t('guard.reason.hint', { min: MIN_REASON_LENGTH })}
            </span>
          </div>
          {runError ? <ErrorNotice message={runError} /> : null}
          <div className="form-actions risk-actions">
            <button type="button" className="button" data-testid="risk-cancel" disabled={running} onClick={() => guard.getState().cancel()}>
              {t('guard.cancel')}
            </button>
            <button type="submit" className={assessment?.worse || deletes ? 'button button--danger' : 'button button--primary'} data-testid="risk-confirm" disabled={!allowed}>
              {running ? t('guard.running') : anyway ? t(`guard.confirmAnyway.${action}`) : t(`guard.confirm.${action}`)}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
