import type { MouseEvent } from 'react';
import { t } from '../i18n/translate';
import type { PageEntry } from './pages';

interface NavBarProps {
  pages: readonly PageEntry[];
  currentId: string;
  onNavigate(id: string): void;
}

/** Real links (so middle-click and the address bar behave) with `aria-current` marking where the user is. */
export function NavBar({ pages, currentId, onNavigate }: NavBarProps) {
  const follow = (id: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    onNavigate(id);
  };
  return (
    <nav className="shell-nav" aria-label={t('nav.label')}>
      <ul>
        {pages.map((page) => (
          <li key={page.id}>
            <a href={`#/${page.id}`} aria-current={page.id === currentId ? 'page' : undefined} onClick={follow(page.id)}>
              {t(page.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
