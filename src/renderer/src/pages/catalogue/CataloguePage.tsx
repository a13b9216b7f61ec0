import { useEffect } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n/translate';
import { CatalogueFilters } from './CatalogueFilters';
import { CataloguePager } from './CataloguePager';
import { CatalogueTable } from './CatalogueTable';
import { CollectionsPanel } from './CollectionsPanel';

/** Typing waits this long before asking the engine, so each keystroke is not a request. */
const FILTER_PAUSE_MS = 250;

export function CataloguePage() {
  const { catalog } = useAppStores();
  const text = useAppStore('catalog', (s) => s.text);
  const category = useAppStore('catalog', (s) => s.category);
  const offset = useAppStore('catalog', (s) => s.offset);
  const error = useAppStore('catalog', (s) => s.error);

  useEffect(() => {
    const timer = setTimeout(() => void catalog.getState().load(), FILTER_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [catalog, text, category, offset]);

  return (
    <div className="page page--catalogue">
      <h1 tabIndex={-1}>{t('catalogue.title')}</h1>
      <CollectionsPanel />
      <CatalogueFilters />
      {error ? <ErrorNotice message={error} onRetry={() => void catalog.getState().load()} /> : null}
      <section className="panel">
        <CatalogueTable />
        <CataloguePager />
      </section>
    </div>
  );
}
