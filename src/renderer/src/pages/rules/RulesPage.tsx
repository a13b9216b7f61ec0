import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { useCan } from '../../app/useCan';
import { NotAllowed } from '../../components/NotAllowed';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n/translate';
import { RuleForm } from './RuleForm';
import { RulePreview } from './RulePreview';
import { RuleTable } from './RuleTable';
import { RuleImportPanel, RuleTransferButtons } from './RuleTransferPanel';

/** Merchandising rules: the list, a form to create or edit one, and a preview of which rules fire. */
export function RulesPage() {
  const { rules } = useAppStores();
  const error = useAppStore('rules', (s) => s.error);
  const loading = useAppStore('rules', (s) => s.loading);
  const formOpen = useAppStore('rules', (s) => s.form !== null);
  const actionError = useAppStore('rules', (s) => s.actionError);
  const can = useCan('rules.create');
  useEffect(() => {
    void rules.getState().load();
  }, [rules]);
  return (
    <div className="page page--rules" data-testid="rules-page">
      <div className="page-head">
        <h1 tabIndex={-1}>{t('rules.title')}</h1>
        <button type="button" className="button button--primary" data-testid="rule-new" onClick={() => rules.getState().openNew()} disabled={formOpen || !can.allowed} title={can.reason ?? undefined}>
          {t('rules.new')}
        </button>
        <button type="button" className="button" disabled={loading} onClick={() => void rules.getState().load()}>
          {loading ? t('common.loading') : t('common.refresh')}
        </button>
        <RuleTransferButtons />
        <NotAllowed can={can} testId="rule-new-not-allowed" />
      </div>
      <RuleImportPanel />
      {error ? <ErrorNotice message={error} onRetry={() => void rules.getState().load()} /> : null}
      {actionError && !formOpen ? <ErrorNotice message={actionError} /> : null}
      <div className="rules-layout">
        <div className="rules-main">
          {formOpen ? <RuleForm /> : null}
          <RuleTable />
        </div>
        <RulePreview />
      </div>
    </div>
  );
}
