import { useEffect, useState } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { ErrorNotice } from '../../components/ErrorNotice';
import { t } from '../../i18n/translate';

const split = (text: string): string[] => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

/** The synonym sets: list, add (one-way or two-way), delete. Writes need the merchandiser role. */
export function SynonymsPanel() {
  const { search } = useAppStores();
  const synonyms = useAppStore('search', (s) => s.synonyms);
  const error = useAppStore('search', (s) => s.synonymsError);
  const [kind, setKind] = useState<'two-way' | 'one-way'>('two-way');
  const [from, setFrom] = useState('');
  const [terms, setTerms] = useState('');
  useEffect(() => void search.getState().loadSynonyms(), [search]);
  const add = async (): Promise<void> => {
    const set = kind === 'one-way' ? { kind, from, terms: split(terms) } : { kind, terms: split(terms) };
    if (await search.getState().saveSynonym(set)) {
      setFrom('');
      setTerms('');
    }
  };
  return (
    <section className="panel" aria-labelledby="synonyms-title" data-testid="synonyms-panel">
      <h2 id="synonyms-title">{t('search.synonyms.title')}</h2>
      {error ? <ErrorNotice message={error} /> : null}
      {synonyms.length === 0 ? <p className="muted">{t('search.synonyms.empty')}</p> : null}
      <ul className="synonym-list">
        {synonyms.map((s) => (
          <li key={s.synonymId} data-testid="synonym-row">
            <span>{s.kind === 'one-way' ? t('search.synonyms.oneWayRow', { from: s.from ?? '', terms: s.terms.join(', ') }) : t('search.synonyms.twoWayRow', { terms: s.terms.join(' ⇔ ') })}</span>
            <button type="button" className="button button--small" onClick={() => void search.getState().deleteSynonym(s.synonymId)}>
              {t('search.synonyms.delete')}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="synonym-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label>
          {t('search.synonyms.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value === 'one-way' ? 'one-way' : 'two-way')}>
            <option value="two-way">{t('search.synonyms.twoWay')}</option>
            <option value="one-way">{t('search.synonyms.oneWay')}</option>
          </select>
        </label>
        {kind === 'one-way' ? (
          <label>
            {t('search.synonyms.from')}
            <input value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
        ) : null}
        <label>
          {kind === 'one-way' ? t('search.synonyms.terms') : t('search.synonyms.termsTwoWay')}
          <input value={terms} onChange={(e) => setTerms(e.target.value)} />
        </label>
        <button type="submit" className="button">
          {t('search.synonyms.add')}
        </button>
      </form>
    </section>
  );
}
