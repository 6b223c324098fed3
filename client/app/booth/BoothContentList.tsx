import { useTranslation } from 'react-i18next';
import type { ContentItemView } from '../../../shared/api';
import { pickText } from '../../../shared/i18n';

/** A booth's materials: images and videos shown in place, documents and links opened in a new tab. */
export function BoothContentList({ items }: { items: ContentItemView[] }) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  // Pictures and films first, so the page opens on something to look at; then the things to open.
  const media = items.filter((item) => item.kind === 'image' || item.kind === 'video');
  const other = items.filter((item) => item.kind !== 'image' && item.kind !== 'video');
  return (
    <div className="content-list">
      {media.length > 0 && (
        <ul className="media-grid">
          {media.map((item) => (
            <li key={item.id}>
              <MediaItem item={item} title={pickText(item.title, lang)} />
            </li>
          ))}
        </ul>
      )}
      {other.length > 0 && (
        <ul className="resource-list">
          {other.map((item) => (
            <li key={item.id}>
              <ResourceItem item={item} title={pickText(item.title, lang)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function MediaItem({ item, title }: { item: ContentItemView; title: string }) {
  if (item.kind === 'video') {
    return (
      <figure className="media">
        {/* Muted so it never startles; exhibitors' videos carry no spoken content we could caption yet. */}
        <video controls muted playsInline preload="metadata" poster={item.previewUrl ?? undefined}>
          <source src={item.url} />
        </video>
        <figcaption>{title}</figcaption>
      </figure>
    );
  }
  // The picture links to the full-size file: posters are tall and the card shows their top.
  return (
    <figure className="media">
      <a href={item.url} target="_blank" rel="noopener noreferrer" className="media__link">
        <img src={item.url} alt={title} loading="lazy" decoding="async" />
      </a>
      <figcaption aria-hidden="true">{title}</figcaption>
    </figure>
  );
}

function ResourceItem({ item, title }: { item: ContentItemView; title: string }) {
  const { t } = useTranslation();
  const kindLabel =
    item.kind === 'document'
      ? t('booth.openDocument')
      : item.kind === 'model'
        ? t('booth.openModel')
        : t('booth.openLink');
  return (
    <a className="resource" href={item.url} target="_blank" rel="noopener noreferrer">
      <span className={`resource__icon resource__icon--${item.kind}`} aria-hidden="true">
        <ResourceIcon kind={item.kind} />
      </span>
      <span className="resource__text">
        <span className="resource__title">{title}</span>
        <span className="resource__kind">
          {kindLabel}
          <span className="visually-hidden"> {t('booth.opensInNewTab')}</span>
        </span>
      </span>
      <span className="resource__arrow" aria-hidden="true">
        ↗
      </span>
    </a>
  );
}

function ResourceIcon({ kind }: { kind: ContentItemView['kind'] }) {
  switch (kind) {
    case 'document':
      return (
        <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="M5 2h7l4 4v12H5z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
          <path d="M12 2v4h4M8 10h5M8 13h5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
      );
    case 'model':
      return (
        <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path
            d="M10 2l7 4v8l-7 4-7-4V6zM3 6l7 4 7-4M10 10v8"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinejoin="round"
          />
        </svg>
      );
    case 'link':
    case 'image':
    case 'video':
      return (
        <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path
            d="M8.5 11.5l3-3M7 9l-2 2a2.8 2.8 0 004 4l2-2M13 11l2-2a2.8 2.8 0 00-4-4L9 7"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
          />
        </svg>
      );
  }
}
