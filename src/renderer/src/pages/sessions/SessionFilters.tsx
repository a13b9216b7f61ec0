import { useAppStore, useAppStores } from '../../app/StoresContext';
import { timeZoneName } from '../../i18n/format';
import type { MessageKey } from '../../i18n/en';
import { t } from '../../i18n/translate';
import type { SessionFilterField } from '../../stores/sessionFilter';

const ERRORS: Record<SessionFilterField, MessageKey> = {
  from: 'sessions.filter.from.invalid',
  to: 'sessions.filter.to.invalid',
  minEvents: 'sessions.filter.length.invalid',
  maxEvents: 'sessions.filter.length.invalid',
};

/** Purchase, start date (whole days in the viewer's time zone) and length; applied with the button or Enter. */
export function SessionFilters() {
  const { sessions } = useAppStores();
  const draft = useAppStore('sessions', (s) => s.filterDraft);
  const fieldError = useAppStore('sessions', (s) => s.filterError);
  const loading = useAppStore('sessions', (s) => s.loading);
  const set = sessions.getState().setFilterDraft;
  const invalid = (field: SessionFilterField) => (fieldError === field ? { 'aria-invalid': true, 'aria-describedby': 'session-filter-error' } : {});
  return (
    <form
      className="filters session-filters"
      aria-label={t('sessions.filter.label')}
      data-testid="session-filters"
      onSubmit={(e) => {
        e.preventDefault();
        void sessions.getState().applyFilter();
      }}
    >
      <label className="field">
        <span>{t('sessions.filter.purchase')}</span>
        <select data-testid="session-filter-purchase" value={draft.purchase} onChange={(e) => set({ purchase: e.target.value as 'any' | 'with' | 'without' })}>
          <option value="any">{t('sessions.filter.purchase.any')}</option>
          <option value="with">{t('sessions.filter.purchase.with')}</option>
          <option value="without">{t('sessions.filter.purchase.without')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('sessions.filter.from', { zone: timeZoneName() })}</span>
        <input type="date" data-testid="session-filter-from" value={draft.from} onChange={(e) => set({ from: e.target.value })} {...invalid('from')} />
      </label>
      <label className="field">
        <span>{t('sessions.filter.to', { zone: timeZoneName() })}</span>
        <input type="date" data-testid="session-filter-to" value={draft.to} onChange={(e) => set({ to: e.target.value })} {...invalid('to')} />
      </label>
      <label className="field">
        <span>{t('sessions.filter.minEvents')}</span>
        <input type="text" inputMode="numeric" className="input-short" data-testid="session-filter-min" value={draft.minEvents} onChange={(e) => set({ minEvents: e.target.value })} {...invalid('minEvents')} />
      </label>
      <label className="field">
        <span>{t('sessions.filter.maxEvents')}</span>
        <input type="text" inputMode="numeric" className="input-short" data-testid="session-filter-max" value={draft.maxEvents} onChange={(e) => set({ maxEvents: e.target.value })} {...invalid('maxEvents')} />
      </label>
      <div className="form-actions">
        <button type="submit" className="button button--primary" data-testid="session-filter-apply" disabled={loading}>
          {t('sessions.filter.apply')}
        </button>
        <button type="button" className="button" onClick={() => void sessions.getState().clearFilter()}>
          {t('sessions.filter.clear')}
        </button>
      </div>
      {fieldError ? (
        <p className="field-error" id="session-filter-error" role="alert">
          {t(ERRORS[fieldError])}
        </p>
      ) : null}
    </form>
  );
}
