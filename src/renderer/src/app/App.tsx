import { useEffect, useRef, type MouseEvent } from 'react';
import { RiskDialog } from '../components/RiskDialog';
import { t } from '../i18n/translate';
import { AppHeader } from './AppHeader';
import { NavBar } from './NavBar';
import { PAGES } from './pages';
import { useHashPage } from './useHashPage';

/** The shell: skip link, header, navigation and the current page in a `main` landmark. */
export function App() {
  const [pageId, navigate] = useHashPage();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const page = PAGES.find((p) => p.id === pageId) ?? PAGES[0];

  useEffect(() => {
    // After a navigation, move focus to the new page's heading so keyboard and screen-reader users land there.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [pageId]);

  // The hash holds the page, so the skip link moves focus itself instead of changing the hash.
  const skipToContent = (event: MouseEvent<HTMLAnchorElement>): void => {
    event.preventDefault();
    mainRef.current?.focus();
  };

  if (!page) return null;
  const Page = page.component;
  return (
    <div className="shell">
      <a className="skip-link" href="#main-content" onClick={skipToContent}>
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <NavBar pages={PAGES} currentId={page.id} onNavigate={navigate} />
      <main id="main-content" className="shell-main" ref={mainRef} tabIndex={-1}>
        <Page />
      </main>
      <RiskDialog />
    </div>
  );
}
