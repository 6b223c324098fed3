import { z } from 'zod';

/** Languages the interface is translated into. Content may carry more. */
export const UI_LANGUAGES = ['en', 'ja'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as en or ja');

/** Text written by people, in one or more languages. English is required so every visitor has a fallback. */
export const LocalizedText = z
  .object({ en: z.string().max(4000) })
  .catchall(z.string().max(4000))
  .refine((t) => Object.keys(t).every((k) => languageTag.safeParse(k).success), 'keys must be language tags');
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Picks the best text for a viewer: their language, then its base language, then English. */
export function pickText(text: LocalizedText | null | undefined, lang: string): string {
  if (!text) return '';
  const exact = text[lang];
  if (exact) return exact;
  const base = lang.split('-')[0] ?? lang;
  return text[base] || text.en;
}
