import { t } from '../i18n/translate';

/** A missing value shown as a dash, so empty cells read as "none" rather than as a rendering fault. */
export function OrDash({ value }: { value: string | null | undefined }) {
  return value === null || value === undefined || value === '' ? <span className="muted">{t('common.none')}</span> : <>{value}</>;
}
