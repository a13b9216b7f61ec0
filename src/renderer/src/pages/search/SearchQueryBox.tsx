import { useState, type KeyboardEvent } from 'react';
import { useAppStore, useAppStores } from '../../app/StoresContext';
import { formatNumber } from '../../i18n/format';
import { t } from '../../i18n/translate';
import type { Suggestion } from '../../transport/contract';

const LIST_ID = 'search-suggestions';
const optionId = (index: number): string => `search-suggestion-${index}`;

/** What a suggestion is, in words: a past search and its clicks, or a catalogue word and its items. */
export function suggestionNote(s: Suggestion): string {
  return s.kind === 'query' ? t('search.suggest.past', { clicks: formatNumber(s.clicks) }) : t('search.suggest.term', { items: formatNumber(s.items ?? 0) });
}

/**
 * The query box with type-ahead as an ARIA 1.2 combobox: the list opens while typing; Arrow keys
 * move through it (the input keeps focus, `aria-activedescendant` names the option), Enter or a
 * click chooses one and searches it, Escape closes it. Enter with no option active submits the
 * form as typed.
 */
export function SearchQueryBox() {
  const { search } = useAppStores();
  const query = useAppStore('search', (s) => s.query);
  const suggestions = useAppStore('search', (s) => s.suggestions);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const shown = open && suggestions.length > 0;
  const choose = (s: Suggestion): void => {
    setOpen(false);
    setActive(-1);
    void search.getState().choose(s.text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    const n = suggestions.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (n === 0) return;
      event.preventDefault();
      if (!shown) {
        setOpen(true);
        setActive(event.key === 'ArrowDown' ? 0 : n - 1);
        return;
      }
      setActive((a) => (event.key === 'ArrowDown' ? (a + 1) % n : a <= 0 ? n - 1 : a - 1));
    } else if (event.key === 'Enter') {
      const s = shown && active >= 0 ? suggestions[active] : undefined;
      if (s) {
        event.preventDefault();
        choose(s);
      } else setOpen(false);
    } else if (event.key === 'Escape') {
      if (shown) event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };
  return (
    <div className="search-query">
      <label htmlFor="search-query-input">{t('search.query')}</label>
      <div className="search-combobox">
        <input
          id="search-query-input"
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={LIST_ID}
          aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
          autoComplete="off"
          value={query}
          placeholder={t('search.queryPlaceholder')}
          onChange={(e) => {
            search.getState().setQuery(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          data-testid="search-query"
        />
        <ul id={LIST_ID} role="listbox" aria-label={t('search.suggest.label')} className="search-suggestions" hidden={!shown} data-testid="search-suggestions">
          {suggestions.map((s, i) => (
            <li
              key={`${s.kind}:${s.text}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'search-suggestion is-active' : 'search-suggestion'}
              data-kind={s.kind}
              data-testid="search-suggestion"
              // Keep the focus in the input (a blur would close the list before the click lands).
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(s)}
              onMouseEnter={() => setActive(i)}
            >
              <span className="search-suggestion-text">{s.text}</span>
              <span className="search-suggestion-note muted small">{suggestionNote(s)}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
