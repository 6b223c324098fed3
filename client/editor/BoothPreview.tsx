import { useState } from 'react';
import type { BoothDraft, EditorBoothView } from '../../shared/booth-editor';
import { pickText } from '../../shared/i18n';
import { useTexts } from '../account/texts';
import { Loaded, loadable } from '../app/loadable';
import { probeGraphics } from '../hall/chooseView';

// three.js and the hall's builders download only when the editor shows the 3D preview.
const preview3dChunk = loadable(() => import('./BoothPreview3D'));

/**
 * The booth as visitors will meet it: in 3D, the hall's own booth redrawn live from the draft; without WebGL, a flat
 * card of its front. The card's words stay in the page either way, so screen readers get the booth in text.
 */
export function BoothPreview({
  booth,
  draft,
  language,
}: {
  booth: EditorBoothView;
  draft: BoothDraft;
  language: string;
}) {
  const t = useTexts();
  // One booth draws lightly even on a software renderer, so any WebGL will do (unlike the whole hall).
  const [webgl] = useState(() => probeGraphics().webgl);
  const [failed, setFailed] = useState(false);
  const threeD = webgl && !failed;
  const name = pickText(draft.name, language);
  return (
    <figure className="booth-preview" aria-label={t('editor.preview')} data-testid="booth-preview">
      {threeD && (
        <Loaded
          chunk={preview3dChunk}
          fallback={<div className="booth-preview-3d__loading">{t('editor.previewLoading')}</div>}
        >
          {({ default: BoothPreview3D }) => (
            <BoothPreview3D
              booth={booth}
              draft={draft}
              language={language}
              label={t('editor.preview3d', { name })}
              texts={{
                turnLeft: t('editor.turnLeft'),
                turnRight: t('editor.turnRight'),
                firstView: t('editor.firstView'),
              }}
              onFail={() => setFailed(true)}
            />
          )}
        </Loaded>
      )}
      <div className={threeD ? 'visually-hidden' : 'booth-preview__card'}>
        <div className="booth-preview__wall" style={{ borderTopColor: draft.brandColor }}>
          {draft.logoUrl && <img className="booth-preview__logo" src={draft.logoUrl} alt="" />}
          <p className="booth-preview__name">{name}</p>
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
      </div>
      <figcaption className="muted">
        {draft.template} · {threeD ? t('editor.previewNote3d') : t('editor.previewNote')}
      </figcaption>
    </figure>
  );
}
