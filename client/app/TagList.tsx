import { useTranslation } from 'react-i18next';
import { GREEN_TAG } from '../../shared/domain';
import { tagLabel } from '../i18n/names';
import { LeafIcon } from './LeafIcon';

/** A booth's tags, the green tag first and marked with a leaf; `limit` shows the first few and a "+N". */
export function TagList({ tags, limit }: { tags: string[]; limit?: number }) {
  const { t, i18n } = useTranslation();
  const ordered = [...tags].sort((a, b) => Number(b === GREEN_TAG) - Number(a === GREEN_TAG));
  const shown = limit ? ordered.slice(0, limit) : ordered;
  const hidden = ordered.length - shown.length;
  if (ordered.length === 0) return null;
  return (
    <ul className="tag-list" aria-label={t('directory.tags')}>
      {shown.map((tag) => (
        <li key={tag} className={tag === GREEN_TAG ? 'tag tag--green' : 'tag'}>
          {tag === GREEN_TAG && <LeafIcon />}
          {tagLabel(i18n, tag)}
        </li>
      ))}
      {hidden > 0 && (
        <li
          className="tag tag--more"
          title={ordered
            .slice(shown.length)
            .map((tag) => tagLabel(i18n, tag))
            .join(', ')}
        >
          {t('directory.moreTags', { count: hidden })}
        </li>
      )}
    </ul>
  );
}
