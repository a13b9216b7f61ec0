import { useRef } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { useCan } from '../../app/useCan';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ruleKindLabel } from '../../components/channelLabels';
import { IMPORT_MODES, type Rule, type StoredSynonymSet } from '../../transport/contract';
import { t } from '../../i18n/translate';
import { targetLabel } from './ruleLabels';

/** Export and import buttons for the page head. */
export function RuleTransferButtons() {
  const { ruleTransfer } = useAppStores();
  const exporting = useAppStore('ruleTransfer', (s) => s.exporting);
  const canExport = useCan('rules.export');
  const canImport = useCan('rules.import');
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button" data-testid="rules-export" disabled={exporting || !canExport.allowed} title={canExport.reason ?? t('rules.export.title')} onClick={() => void ruleTransfer.getState().exportAll()}>
        {exporting ? t('rules.export.busy') : t('rules.export')}
      </button>
      <button type="button" className="button" data-testid="rules-import" disabled={!canImport.allowed} title={canImport.reason ?? t('rules.import.title')} onClick={() => input.current?.click()}>
        {t('rules.import')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="rules-import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void file.text().then((text) => ruleTransfer.getState().chooseFile(file.name, text));
        }}
      />
    </>
  );
}

function RuleLine({ rule, index }: { rule: Rule; index?: number }) {
  return (
    <li data-testid="rules-import-rule" data-rule-id={rule.ruleId}>
      <span className={`rule-chip rule-chip--${rule.kind}`}>{ruleKindLabel(rule.kind)}</span> {targetLabel(rule.target)}
      {rule.slot !== '*' ? <span className="mono"> · {rule.slot}</span> : null}
      {!rule.enabled ? <span className="muted"> · {t('rules.import.disabled')}</span> : null}
      {index !== undefined ? <span className="muted small"> ({t('rules.import.entry', { index })})</span> : <span className="muted small"> ({rule.ruleId})</span>}
    </li>
  );
}

function SynonymLine({ set, index }: { set: StoredSynonymSet; index?: number }) {
  return (
    <li data-testid="rules-import-synonym">
      {set.kind === 'one-way' && set.from ? `${set.from} → ${set.terms.join(', ')}` : set.terms.join(' ⇄ ')}
      {index !== undefined ? <span className="muted small"> ({t('rules.import.entry', { index })})</span> : null}
    </li>
  );
}

/**
 * The chosen file's import: the mode, a dry run of what would change, and a reason before applying
 * (a bulk change to what shoppers see). Errors name the entries and fields at fault.
 */
export function RuleImportPanel() {
  const { ruleTransfer } = useAppStores();
  const file = useAppStore('ruleTransfer', (s) => s.file);
  const mode = useAppStore('ruleTransfer', (s) => s.mode);
  const preview = useAppStore('ruleTransfer', (s) => s.preview);
  const previewing = useAppStore('ruleTransfer', (s) => s.previewing);
  const reason = useAppStore('ruleTransfer', (s) => s.reason);
  const applying = useAppStore('ruleTransfer', (s) => s.applying);
  const error = useAppStore('ruleTransfer', (s) => s.error);
  const issues = useAppStore('ruleTransfer', (s) => s.issues);
  const applied = useAppStore('ruleTransfer', (s) => s.applied);
  const exportError = useAppStore('ruleTransfer', (s) => s.exportError);
  const notice = (
    <>
      {exportError ? <ErrorNotice message={exportError} /> : null}
      {applied && !file ? (
        <p className="notice" role="status" data-testid="rules-import-done">
          {t('rules.import.done', { rulesAdded: applied.rules.added.length, rulesRemoved: applied.rules.removed.length, synonymsAdded: applied.synonyms.added.length, synonymsRemoved: applied.synonyms.removed.length })}
        </p>
      ) : null}
    </>
  );
  if (!file && !error) return notice;
  const changes = preview ? preview.rules.added.length + preview.rules.removed.length + preview.synonyms.added.length + preview.synonyms.removed.length : 0;
  const reasonOk = reason.trim().length >= 3;
  return (
    <section className="panel rules-import" data-testid="rules-import-panel" aria-labelledby="rules-import-title">
      {notice}
      <h2 id="rules-import-title">{file ? t('rules.import.heading', { file: file.name }) : t('rules.import.title')}</h2>
      {file ? (
        <fieldset className="field">
          <legend>{t('rules.import.mode')}</legend>
          {IMPORT_MODES.map((m) => (
            <label key={m} className="radio">
              <input type="radio" name="rules-import-mode" value={m} data-testid={`rules-import-mode-${m}`} checked={mode === m} onChange={() => void ruleTransfer.getState().setMode(m)} />
              {t(`rules.import.mode.${m}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {previewing ? <p className="muted">{t('rules.import.previewing')}</p> : null}
      {error ? (
        <div data-testid="rules-import-error">
          <ErrorNotice message={error} />
          {issues.length > 0 ? (
            <>
              <p>{t('rules.import.issues')}</p>
              <ul className="small">
                {issues.map((i) => (
                  <li key={`${i.path}:${i.message}`} data-testid="rules-import-issue" data-path={i.path}>
                    <span className="mono">{i.path}</span>: {i.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {preview ? (
        <div data-testid="rules-import-preview" data-rules-added={preview.rules.added.length} data-rules-removed={preview.rules.removed.length} data-synonyms-added={preview.synonyms.added.length} data-synonyms-removed={preview.synonyms.removed.length}>
          <p>{t('rules.import.summary.rules', { added: preview.rules.added.length, removed: preview.rules.removed.length, unchanged: preview.rules.unchanged })}</p>
          <p>{t('rules.import.summary.synonyms', { added: preview.synonyms.added.length, removed: preview.synonyms.removed.length, unchanged: preview.synonyms.unchanged })}</p>
          {changes === 0 ? <p className="muted">{t('rules.import.nothing')}</p> : null}
          {preview.rules.added.length + preview.synonyms.added.length > 0 ? (
            <>
              <h3>{t('rules.import.added')}</h3>
              <ul className="small">
                {preview.rules.added.map((a) => (
                  <RuleLine key={`r${a.index}`} rule={a.rule} index={a.index} />
                ))}
                {preview.synonyms.added.map((a) => (
                  <SynonymLine key={`s${a.index}`} set={a.set} index={a.index} />
                ))}
              </ul>
            </>
          ) : null}
          {preview.rules.removed.length + preview.synonyms.removed.length > 0 ? (
            <>
              <h3>{t('rules.import.removed')}</h3>
              <ul className="small">
                {preview.rules.removed.map((r) => (
                  <RuleLine key={r.ruleId} rule={r} />
                ))}
                {preview.synonyms.removed.map((s) => (
                  <SynonymLine key={s.synonymId} set={s} />
                ))}
              </ul>
            </>
          ) : null}
          <div className="field">
            <label htmlFor="rules-import-reason">{t('rules.import.reason')}</label>
            <input id="rules-import-reason" type="text" data-testid="rules-import-reason" maxLength={500} value={reason} aria-describedby="rules-import-reason-hint" onChange={(e) => ruleTransfer.getState().setReason(e.target.value)} />
            <span id="rules-import-reason-hint" className="muted small">
              {t('rules.import.reasonHint')}
            </span>
          </div>
        </div>
      ) : null}
      <div className="form-actions">
        {preview ? (
          <button type="button" className="button button--primary" data-testid="rules-import-apply" disabled={applying || changes === 0 || !reasonOk} onClick={() => void ruleTransfer.getState().apply()}>
            {applying ? t('rules.import.applying') : t('rules.import.apply')}
          </button>
        ) : null}
        <button type="button" className="button" data-testid="rules-import-cancel" onClick={() => ruleTransfer.getState().cancel()}>
          {t('rules.import.cancel')}
        </button>
      </div>
    </section>
  );
}
