import { describe, expect, it } from 'vitest';
import { LocalizedText, pickText } from '../../shared/i18n';

describe('localized text', () => {
  it('picks the viewer language, then its base language, then English', () => {
    const text = { en: 'Hydrogen', ja: '水素', 'pt-BR': 'Hidrogênio' };
    expect(pickText(text, 'ja')).toBe('水素');
    expect(pickText(text, 'ja-JP')).toBe('水素');
    expect(pickText(text, 'pt-BR')).toBe('Hidrogênio');
    expect(pickText(text, 'de')).toBe('Hydrogen');
    expect(pickText({ en: 'Only English', ja: '' }, 'ja')).toBe('Only English');
    expect(pickText(null, 'en')).toBe('');
  });

  it('requires English and language-tag keys', () => {
    expect(LocalizedText.safeParse({ ja: '水素' }).success).toBe(false);
    expect(LocalizedText.safeParse({ en: 'a', 'not a tag': 'b' }).success).toBe(false);
    expect(LocalizedText.safeParse({ en: 'a', ja: 'b', 'zh-Hant': 'c' }).success).toBe(true);
  });
});
