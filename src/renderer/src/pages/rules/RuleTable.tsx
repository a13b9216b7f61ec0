import { Fragment } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { useCan } from '../../app/useCan';
import { NotAllowed } from '../../components/NotAllowed';
import { ruleKindLabel } from '../../components/channelLabels';
import { t } from '../../i18n/translate';
import { enabledRuleFields } from '../../stores/guardFigures';
import { conditionLabel, effectLabel, scheduleLabel, slotLabel, targetLabel, windowsLabel } from './ruleLabels';
import { RuleDetails } from './RuleDetails';

const COLUMNS = 7;

export function RuleTable() {
  const { rules: store, guard, ruleInsights } = useAppStores();
  const openDetails = useAppStore('ruleInsights', (s) => s.open);
  const rules = useAppStore('rules', (s) => s.rules);
  const loaded = useAppStore('rules', (s) => s.loaded);
  const deleting = useAppStore('rules', (s) => s.deleting);
  const editing = useAppStore('rules', (s) => s.editing);
  const canEdit = useCan('rules.update');
  const canDelete = useCan('rules.delete');
  return (
    <section className="panel" aria-labelledby="rules-table-title">
      <h2 id="rules-table-title">{t('rules.table.label')}</h2>
      <NotAllowed can={canEdit} testId="rules-edit-not-allowed" />
      <div className="table-scroll">
        <table className="data-table rules-table">
          <thead>
            <tr>
              <th scope="col">{t('rules.col.kind')}</th>
              <th scope="col">{t('rules.col.target')}</th>
              <th scope="col">{t('rules.col.effect')}</th>
              <th scope="col">{t('rules.col.slot')}</th>
              <th scope="col">{t('rules.col.schedule')}</th>
              <th scope="col">{t('rules.col.enabled')}</th>
              <th scope="col">{t('rules.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <Fragment key={rule.ruleId}>
                <tr data-testid="rule-row" data-rule-id={rule.ruleId} className={editing === rule.ruleId ? 'is-selected' : undefined}>
                  <td>
                    <span className={`rule-chip rule-chip--${rule.kind}`}>{ruleKindLabel(rule.kind)}</span>
                  </td>
                  <td className="cell-wrap" title={rule.note || undefined}>
                    {targetLabel(rule.target)}
                    {conditionLabel(rule) ? <div className="small" data-testid="rule-condition">{conditionLabel(rule)}</div> : null}
                    {rule.note ? <div className="muted small">{rule.note}</div> : null}
                  </td>
                  <td>{effectLabel(rule)}</td>
                  <td className="mono">{slotLabel(rule.slot)}</td>
                  <td className="cell-wrap small">
                    {scheduleLabel(rule)}
                    {rule.schedule ? <div className="muted" data-testid="rule-windows-label">{windowsLabel(rule.schedule)}</div> : null}
                  </td>
                  <td>
                    <label className="switch">
                      <input
                        type="checkbox"
                        checked={rule.enabled}
                        disabled={!canEdit.allowed}
                        title={canEdit.reason ?? undefined}
                        aria-label={t('rules.enabled.toggle', { id: rule.ruleId })}
                        onChange={() => {
                          // Switching a rule off is safe; switching it on changes lists, so it is guarded.
                          if (rule.enabled) void store.getState().toggleEnabled(rule.ruleId);
                          else
                            void guard.getState().ask({
                              action: { action: 'rules.save', ruleId: rule.ruleId, rule: enabledRuleFields(rule) },
                              run: (confirm) => store.getState().toggleEnabled(rule.ruleId, confirm),
                            });
                        }}
                      />
                      <span>{rule.enabled ? t('rules.enabled.yes') : t('rules.enabled.no')}</span>
                    </label>
                  </td>
                  <td className="actions">
                    <button type="button" className="button button--small" aria-label={t('rules.edit.label', { id: rule.ruleId })} disabled={!canEdit.allowed} title={canEdit.reason ?? undefined} onClick={() => store.getState().openEdit(rule.ruleId)}>
                      {t('rules.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button--small"
                      data-testid="rule-delete"
                      aria-label={t('rules.delete.label', { id: rule.ruleId })}
                      disabled={deleting !== null || !canDelete.allowed}
                      title={canDelete.reason ?? undefined}
                      onClick={() => {
                        if (window.confirm(t('rules.delete.confirm', { id: rule.ruleId }))) void store.getState().remove(rule.ruleId);
                      }}
                    >
                      {t('rules.delete')}
                    </button>
                    <button
                      type="button"
                      className="button button--small"
                      data-testid="rule-details-toggle"
                      aria-expanded={openDetails === rule.ruleId}
                      aria-controls={`rule-details-${rule.ruleId}`}
                      aria-label={t('rules.details.label', { id: rule.ruleId })}
                      onClick={() => void ruleInsights.getState().toggle(rule.ruleId)}
                    >
                      {t('rules.details')}
                    </button>
                  </td>
                </tr>
                {openDetails === rule.ruleId ? (
                  <tr id={`rule-details-${rule.ruleId}`} className="rule-details-row">
                    <td colSpan={COLUMNS}>
                      <RuleDetails ruleId={rule.ruleId} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {loaded && rules.length === 0 ? <p className="empty">{t('rules.empty')}</p> : null}
    </section>
  );
}
