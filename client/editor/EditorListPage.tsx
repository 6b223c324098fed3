import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { EditorBoothList } from '../../shared/booth-editor';
import { pickText } from '../../shared/i18n';
import { FormStatus } from '../account/Field';
import { messageOf } from '../account/http';
import { useTexts } from '../account/texts';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { useSessionStore } from '../state/session';
import { useUiStore } from '../state/ui';
import { fetchEditableBooths } from './editor-api';

/** The booths this person may edit. */
export function EditorListPage() {
  const t = useTexts();
  const account = useSessionStore((s) => s.account);
  const language = useUiStore((s) => s.language);
  const [list, setList] = useState<EditorBoothList | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(t('editor.listTitle'));

  useEffect(() => {
    if (!account) return;
    fetchEditableBooths()
      .then(setList)
      .catch((err) => setError(messageOf(err, t('common.error'))));
  }, [account, t]);

  return (
    <main id="main" tabIndex={-1} className="page">
      <h1>{t('editor.listTitle')}</h1>
      {!account && (
        <p>
          {t('common.needLogin')}{' '}
          <Link to="/login" state={{ from: '/editor' }}>
            {t('common.login')}
          </Link>
        </p>
      )}
      <FormStatus error={error} />
      {list && list.booths.length === 0 && <p>{t('editor.none')}</p>}
      <ul className="editor-list">
        {list?.booths.map((b) => (
          <li key={b.id} className="card">
            <Link to={`/editor/${b.id}`} aria-label={t('editor.edit', { name: pickText(b.name, language) })}>
              <strong>{pickText(b.name, language)}</strong>
            </Link>
            <span className="muted"> — {b.organisation}</span>
            <p>
              {t(`editor.status_${b.status}`)}
              {b.pendingChanges && ` · ${t('editor.pending')}`}
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
