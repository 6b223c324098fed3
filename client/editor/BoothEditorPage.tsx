import { type ChangeEvent, useCallback, useEffect, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { BoothDraft, EditorBoothView, UploadKind } from '../../shared/booth-editor';
import { UPLOAD_ACCEPT } from '../../shared/booth-editor';
import type { ContentKind } from '../../shared/domain';
import type { LocalizedText } from '../../shared/i18n';
import { Field, FormStatus, TextArea } from '../account/Field';
import { messageOf } from '../account/http';
import { useTexts } from '../account/texts';
import { useDocumentTitle } from '../app/useDocumentTitle';
import { useUiStore } from '../state/ui';
import { BoothPreview } from './BoothPreview';
import './editor.css';
import { fetchEditorBooth, publishBooth, saveDraft, uploadMedia } from './editor-api';

const LANGUAGES = ['en', 'ja'] as const;
type Lang = (typeof LANGUAGES)[number];

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Needs or offers as per-language lines, zipped back into localized items by position. */
function zipLines(byLang: Record<Lang, string>): LocalizedText[] {
  const en = lines(byLang.en);
  const ja = lines(byLang.ja);
  return Array.from({ length: Math.max(en.length, ja.length) }, (_, i) => ({
    en: en[i] ?? '',
    ...(ja[i] ? { ja: ja[i] } : {}),
  }));
}
const unzip = (items: LocalizedText[], lang: Lang) => items.map((i) => i[lang] ?? '').join('\n');

/** The exhibitor's booth editor: texts per language, look, media, tags, staff; save a draft, publish. */
export function BoothEditorPage() {
  const t = useTexts();
  const { boothId = '' } = useParams();
  const language = useUiStore((s) => s.language);
  const [booth, setBooth] = useState<EditorBoothView | null>(null);
  const [draft, setDraft] = useState<BoothDraft | null>(null);
  const [needs, setNeeds] = useState<Record<Lang, string>>({ en: '', ja: '' });
  const [offers, setOffers] = useState<Record<Lang, string>>({ en: '', ja: '' });
  const [tags, setTags] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [linkUrl, setLinkUrl] = useState('');
  const [linkKind, setLinkKind] = useState<ContentKind>('link');
  const ids = { template: useId(), linkKind: useId(), color: useId() };
  useDocumentTitle(t('editor.title'));

  const load = useCallback((view: EditorBoothView) => {
    setBooth(view);
    setDraft(view.draft);
    setNeeds({ en: unzip(view.draft.needs, 'en'), ja: unzip(view.draft.needs, 'ja') });
    setOffers({ en: unzip(view.draft.offers, 'en'), ja: unzip(view.draft.offers, 'ja') });
    setTags(view.draft.tags.join(', '));
  }, []);

  useEffect(() => {
    fetchEditorBooth(boothId)
      .then(load)
      .catch((err) => setError(messageOf(err, t('common.error'))));
  }, [boothId, t, load]);

  if (!booth || !draft) {
    return (
      <main id="main" tabIndex={-1} className="page">
        <h1>{t('editor.title')}</h1>
        <FormStatus error={error} />
        {!error && <p>{t('common.loading')}</p>}
      </main>
    );
  }

  const update = (patch: Partial<BoothDraft>) => setDraft({ ...draft, ...patch });
  const setText = (field: 'name' | 'tagline' | 'description', lang: Lang, value: string) =>
    update({ [field]: { ...draft[field], [lang]: value } });
  const current = (): BoothDraft => ({
    ...draft,
    tags: tags
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
    needs: zipLines(needs),
    offers: zipLines(offers),
  });

  async function run(label: string, action: () => Promise<string>) {
    setBusy(label);
    setError(null);
    setSuccess(null);
    try {
      setSuccess(await action());
    } catch (err) {
      setError(messageOf(err, t('common.error')));
    } finally {
      setBusy(null);
    }
  }

  const onSave = () =>
    run('save', async () => {
      load(await saveDraft(booth.id, current()));
      return t('editor.draftSaved');
    });
  const onPublish = () =>
    run('publish', async () => {
      await saveDraft(booth.id, current());
      await publishBooth(booth.id);
      load(await fetchEditorBooth(booth.id));
      return t('editor.published');
    });

  function onUpload(kind: UploadKind, target: 'logo' | ContentKind) {
    return (event: ChangeEvent<HTMLInputElement>) => {
      const input = event.currentTarget;
      const file = input.files?.[0];
      if (!file) return;
      void run('upload', async () => {
        const uploaded = await uploadMedia(kind, file);
        input.value = '';
        setDraft((d) => {
          if (!d) return d;
          if (target === 'logo') return { ...d, logoUrl: uploaded.url };
          const title = file.name.replace(/\.[^.]+$/, '');
          return {
            ...d,
            content: [...d.content, { kind: target, title: { en: title }, url: uploaded.url, previewUrl: null }],
          };
        });
        return t('common.saved');
      });
    };
  }

  const addLink = () => {
    if (!/^https:\/\/\S+$/.test(linkUrl) || draft.content.some((c) => c.url === linkUrl)) {
      setError(t('editor.addLink'));
      return;
    }
    update({
      content: [...draft.content, { kind: linkKind, title: { en: linkUrl }, url: linkUrl, previewUrl: null }],
    });
    setLinkUrl('');
  };

  const setItemTitle = (index: number, lang: Lang, value: string) =>
    update({
      content: draft.content.map((c, i) => (i === index ? { ...c, title: { ...c.title, [lang]: value } } : c)),
    });

  return (
    <main id="main" tabIndex={-1} className="page booth-editor">
      <h1>
        {t('editor.title')}: {booth.organisation.name}
      </h1>
      <p className="muted">
        {t('editor.plot', { size: booth.size, zone: booth.zone.name.en, position: booth.position })} ·{' '}
        <span data-testid="booth-status">{t(`editor.status_${booth.status}`)}</span>
        {booth.pendingChanges && ` · ${t('editor.pending')}`}
        {booth.status === 'published' && (
          <>
            {' · '}
            <Link to={`/booths/${booth.slug}`}>{t('editor.viewBooth')}</Link>
          </>
        )}
      </p>
      <FormStatus error={error} success={busy ? null : success} />
      <div className="booth-editor__grid">
        <form className="booth-editor__form" noValidate onSubmit={(e) => e.preventDefault()}>
          <fieldset>
            <legend>{t('editor.texts')}</legend>
            {LANGUAGES.map((lang) => (
              <div key={lang} lang={lang} className="booth-editor__lang">
                <h2>{lang === 'en' ? t('common.english') : t('common.japanese')}</h2>
                <Field
                  label={`${t('editor.boothName')} (${lang})`}
                  value={draft.name[lang] ?? ''}
                  onChange={(e) => setText('name', lang, e.target.value)}
                />
                <Field
                  label={`${t('editor.tagline')} (${lang})`}
                  value={draft.tagline[lang] ?? ''}
                  onChange={(e) => setText('tagline', lang, e.target.value)}
                />
                <TextArea
                  label={`${t('editor.description')} (${lang})`}
                  value={draft.description[lang] ?? ''}
                  onChange={(e) => setText('description', lang, e.target.value)}
                />
                <TextArea
                  label={`${t('editor.needs')} (${lang})`}
                  value={needs[lang]}
                  onChange={(e) => setNeeds({ ...needs, [lang]: e.target.value })}
                />
                <TextArea
                  label={`${t('editor.offers')} (${lang})`}
                  value={offers[lang]}
                  onChange={(e) => setOffers({ ...offers, [lang]: e.target.value })}
                />
              </div>
            ))}
            <Field label={t('editor.tags')} value={tags} onChange={(e) => setTags(e.target.value)} />
          </fieldset>

          <fieldset>
            <legend>{t('editor.look')}</legend>
            <div className="field">
              <label htmlFor={ids.color}>{t('editor.brandColor')}</label>
              <input
                id={ids.color}
                type="color"
                value={draft.brandColor}
                onChange={(e) => update({ brandColor: e.target.value.toUpperCase() })}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.template}>{t('editor.template')}</label>
              <select id={ids.template} value={draft.template} onChange={(e) => update({ template: e.target.value })}>
                {booth.templates.map((tpl) => (
                  <option key={tpl} value={tpl}>
                    {tpl}
                  </option>
                ))}
              </select>
            </div>
            <Field
              label={t('editor.logo')}
              type="file"
              accept={UPLOAD_ACCEPT.image}
              onChange={onUpload('image', 'logo')}
              hint={draft.logoUrl ? draft.logoUrl : t('editor.logoNone')}
            />
          </fieldset>

          <fieldset>
            <legend>{t('editor.media')}</legend>
            <ul className="booth-editor__items">
              {draft.content.map((item, index) => (
                <li key={item.url}>
                  <p>
                    <strong>{t(`editor.kind_${item.kind}`)}</strong> <code>{item.url}</code>
                  </p>
                  {LANGUAGES.map((lang) => (
                    <Field
                      key={lang}
                      label={t('editor.itemTitle', { kind: t(`editor.kind_${item.kind}`), lang })}
                      value={item.title[lang] ?? ''}
                      onChange={(e) => setItemTitle(index, lang, e.target.value)}
                    />
                  ))}
                  <button
                    type="button"
                    className="button"
                    aria-label={`${t('common.remove')}: ${item.title.en || item.url}`}
                    onClick={() => update({ content: draft.content.filter((_, i) => i !== index) })}
                  >
                    {t('common.remove')}
                  </button>
                </li>
              ))}
            </ul>
            <Field
              label={t('editor.uploadImage')}
              type="file"
              accept={UPLOAD_ACCEPT.image}
              onChange={onUpload('image', 'image')}
            />
            <Field
              label={t('editor.uploadVideo')}
              type="file"
              accept={UPLOAD_ACCEPT.video}
              onChange={onUpload('video', 'video')}
            />
            <Field
              label={t('editor.uploadModel')}
              type="file"
              accept={UPLOAD_ACCEPT.model}
              onChange={onUpload('model', 'model')}
            />
            <Field
              label={t('editor.uploadDocument')}
              type="file"
              accept={UPLOAD_ACCEPT.document}
              onChange={onUpload('document', 'document')}
            />
            {busy === 'upload' && <p role="status">{t('editor.uploading', { name: '' })}</p>}
            <div className="booth-editor__link">
              <Field
                label={t('editor.addLink')}
                type="url"
                value={linkUrl}
                onChange={(e) => setLinkUrl(e.target.value)}
              />
              <div className="field">
                <label htmlFor={ids.linkKind}>{t('editor.linkKind')}</label>
                <select id={ids.linkKind} value={linkKind} onChange={(e) => setLinkKind(e.target.value as ContentKind)}>
                  <option value="link">{t('editor.kind_link')}</option>
                  <option value="video">{t('editor.kind_video')}</option>
                </select>
              </div>
              <button type="button" className="button" onClick={addLink}>
                {t('common.add')}
              </button>
            </div>
          </fieldset>

          <fieldset>
            <legend>{t('editor.staff')}</legend>
            {booth.members.map((m) => (
              <div key={m.id} className="field field--check">
                <input
                  id={`staff-${m.id}`}
                  type="checkbox"
                  checked={draft.staffIds.includes(m.id)}
                  onChange={(e) =>
                    update({
                      staffIds: e.target.checked
                        ? [...draft.staffIds, m.id]
                        : draft.staffIds.filter((id) => id !== m.id),
                    })
                  }
                />
                <label htmlFor={`staff-${m.id}`}>
                  {m.displayName} {m.orgRole ? `(${m.orgRole})` : ''}
                </label>
              </div>
            ))}
          </fieldset>

          <div className="booth-editor__actions">
            <button type="button" className="button" disabled={busy !== null} onClick={() => void onSave()}>
              {busy === 'save' ? t('common.saving') : t('editor.saveDraft')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={busy !== null}
              onClick={() => void onPublish()}
            >
              {busy === 'publish' ? t('editor.publishing') : t('editor.publish')}
            </button>
          </div>
        </form>
        <aside className="booth-editor__preview">
          <h2>{t('editor.preview')}</h2>
          <BoothPreview booth={booth} draft={current()} language={language} />
        </aside>
      </div>
    </main>
  );
}
