import type { BoothDraft } from '../../shared/booth-editor';
import { pickText } from '../../shared/i18n';
import { useTexts } from '../account/texts';

/**
 * A flat preview of the booth's front as visitors will meet it: brand colour on the neutral shell, logo, name,
 * tagline and what is on show. (The 3D preview is the hall itself after publishing.)
 */
export function BoothPreview({ draft, language }: { draft: BoothDraft; language: string }) {
  const t = useTexts();
  return (
    <figure className="booth-preview" aria-label={t('editor.preview')} data-testid="booth-preview">
      <div className="booth-preview__wall" style={{ borderTopColor: draft.brandColor }}>
        {draft.logoUrl && <img className="booth-preview__logo" src={draft.logoUrl} alt="" />}
        <p className="booth-preview__name">{pickText(draft.name, language)}</p>
        <p className="booth-preview__tagline">{pickText(draft.tagline, language)}</p>
      </div>
      <div className="booth-preview__counter" style={{ background: draft.brandColor }} />
      <ul className="booth-preview__items">
        {draft.content.map((item) => (
          <li key={item.url}>
            {t(`editor.kind_${item.kind}`)}: {pickText(item.title, language) || item.url}
          </li>
        ))}
      </ul>
      <figcaption className="muted">
        {draft.template} · {t('editor.previewNote')}
      </figcaption>
    </figure>
  );
}
