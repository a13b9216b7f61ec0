import { useAppStore, useAppStores } from '../../app/StoresContext';
import { t } from '../../i18n/translate';

/** Action, actor, words and a date range; applied with the button (or Enter), so typing does not query on every key. */
export function AuditFilters() {
  const { audit } = useAppStores();
  const filters = useAppStore('audit', (s) => s.filters);
  const actions = useAppStore('audit', (s) => s.actions);
  const loading = useAppStore('audit', (s) => s.loading);
  // A chosen action stays offered even if the newest page no longer lists it.
  const options = filters.action && !actions.includes(filters.action) ? [filters.action, ...actions] : actions;
  const set = audit.getState().setFilter;
  return (
    <form
      className="panel audit-filters"
      aria-label={t('audit.filters.label')}
      data-testid="audit-filters"
      onSubmit={(e) => {
        e.preventDefault();
        void audit.getState().load();
      }}
    >
      <label className="field">
        <span>{t('audit.filter.action')}</span>
        <select data-testid="audit-filter-action" value={filters.action} onChange={(e) => set('action', e.target.value)}>
          <option value="">{t('audit.filter.anyAction')}</option>
          {options.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('audit.filter.actor')}</span>
        <input type="text" className="input-short" data-testid="audit-filter-actor" value={filters.actor} maxLength={200} onChange={(e) => set('actor', e.target.value)} />
      </label>
      <label className="field">
        <span>{t('audit.filter.text')}</span>
        <input type="search" data-testid="audit-filter-text" value={filters.text} maxLength={200} onChange={(e) => set('text', e.target.value)} />
      </label>
      <label className="field">
        <span>{t('audit.filter.from')}</span>
        <input type="date" data-testid="audit-filter-from" value={filters.fromDate} onChange={(e) => set('fromDate', e.target.value)} />
      </label>
      <label className="field">
        <span>{t('audit.filter.to')}</span>
        <input type="date" data-testid="audit-filter-to" value={filters.toDate} onChange={(e) => set('toDate', e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" className="button button--primary" data-testid="audit-apply" disabled={loading}>
          {t('audit.filter.apply')}
        </button>
        <button type="button" className="button" onClick={() => void audit.getState().clearFilters()}>
          {t('audit.filter.clear')}
        </button>
      </div>
    </form>
  );
}
