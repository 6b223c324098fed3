import { useEffect } from 'react';

/** Sets the tab title to "<page> · Minato Hall" (or just the site name) while the page is shown. */
export function useDocumentTitle(page: string | null | undefined): void {
  useEffect(() => {
    document.title = page ? `${page} · Minato Hall` : 'Minato Hall';
  }, [page]);
}
