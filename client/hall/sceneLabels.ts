/**
 * Fixed words painted in the 3D scene (not DOM text, which i18n handles). The font subset script reads this
 * file, so every character here is guaranteed to be in the hall font.
 */
export const SCENE_LABELS = {
  en: { entrance: 'Entrance', information: 'Information', welcome: 'Welcome to Minato Hall' },
  ja: { entrance: '入口', information: 'インフォメーション', welcome: 'みなとホールへようこそ' },
} as const;

export type SceneLabelKey = keyof (typeof SCENE_LABELS)['en'];

/** A scene label in the viewer's language (English for languages the scene has no words for). */
export function sceneLabel(key: SceneLabelKey, language: string): string {
  return language.startsWith('ja') ? SCENE_LABELS.ja[key] : SCENE_LABELS.en[key];
}
