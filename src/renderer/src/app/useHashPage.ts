import { useCallback, useEffect, useState } from 'react';
import { pageIdFromHash } from './pages';

/** The current page lives in the URL hash: no router needed, and the browser's back button works. */
export function useHashPage(): [string, (id: string) => void] {
  const [pageId, setPageId] = useState(() => pageIdFromHash(window.location.hash));
  useEffect(() => {
    const onHashChange = (): void => setPageId(pageIdFromHash(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  const navigate = useCallback((id: string) => {
    window.location.hash = `/${id}`;
  }, []);
  return [pageId, navigate];
}
