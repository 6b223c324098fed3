import { useTranslation } from 'react-i18next';
import { HALL_FONT_CHARS } from './hallFontChars.generated';

/** Interface words of the hall that the app's shared resources do not have. */
const HALL_TEXT = {
  en: {
    title: 'Exhibition hall',
    view3d: '3D hall',
    view2d: '2D map',
    viewLabel: 'How to show the hall',
    directory: 'Find a booth',
    closeDirectory: 'Close the booth finder',
    closePanel: 'Close booth details',
    goToBooth: 'Go to booth',
    loadingHall: 'Setting up the hall…',
    guestName: 'Visitor',
    help: 'Walk with W A S D or the arrow keys, drag to look around, click the floor to walk there, click a booth to see its details.',
    helpShort: 'WASD / arrows to walk · drag to look · click to go',
    noWebgl: 'Your browser cannot show 3D graphics, so the hall is shown as a map. Everything is here.',
    weakDevice: 'This device draws 3D slowly, so we opened the map view. You can switch to 3D at any time.',
    tryThreeD: 'Try the 3D hall',
    map: 'Hall map',
    minimap: 'Minimap: you are the coral arrow',
    youAreHere: 'You are here',
    boothList: 'All booths by zone',
    staffOnline: 'Staff online',
    staffOffline: 'Staff not online right now',
    chat: 'Chat',
    bookMeeting: 'Book a meeting',
    soundOn: 'Sound on',
    soundOff: 'Sound off',
    joystick: 'Move',
    openInHall: 'Show details',
    mapHint: 'Use Tab to move between booths on the map, Enter to open one.',
    failed3d: 'The 3D hall could not start on this device. Here is the map view instead.',
    boothCount: '{{count}} booths',
    enterVr: 'Enter VR',
    exitVr: 'Exit VR',
    enterVrFailed: 'The VR headset could not start. Try again, or keep exploring on the screen.',
    peopleInHall: '{{count}} people in the hall',
    personInHall: '1 person in the hall',
    peopleByZone: 'People by zone',
  },
  ja: {
    title: '展示ホール',
    view3d: '3Dホール',
    view2d: '2Dマップ',
    viewLabel: 'ホールの表示方法',
    directory: 'ブースを探す',
    closeDirectory: 'ブース検索を閉じる',
    closePanel: 'ブース詳細を閉じる',
    goToBooth: 'ブースへ移動',
    loadingHall: 'ホールを準備しています…',
    guestName: '来場者',
    help: 'W A S D または矢印キーで移動、ドラッグで見回し、床をクリックするとその場所へ、ブースをクリックすると詳細が開きます。',
    helpShort: 'WASD・矢印キーで移動 · ドラッグで見回し · クリックで移動',
    noWebgl: 'このブラウザでは3D表示ができないため、ホールをマップで表示しています。内容はすべて同じです。',
    weakDevice: 'この端末では3D表示が重いため、マップ表示で開きました。いつでも3Dに切り替えられます。',
    tryThreeD: '3Dホールを試す',
    map: 'ホールマップ',
    minimap: 'ミニマップ：コーラル色の矢印が現在地です',
    youAreHere: '現在地',
    boothList: 'ゾーン別のブース一覧',
    staffOnline: 'スタッフ対応中',
    staffOffline: '現在スタッフは不在です',
    chat: 'チャット',
    bookMeeting: '商談を予約',
    soundOn: '音声オン',
    soundOff: '音声オフ',
    joystick: '移動',
    openInHall: '詳細を見る',
    mapHint: 'Tabキーでマップ上のブースを移動し、Enterキーで開きます。',
    failed3d: 'この端末では3Dホールを開始できませんでした。代わりにマップ表示をご利用ください。',
    boothCount: '{{count}}ブース',
    enterVr: 'VRで入場',
    exitVr: 'VRを終了',
    enterVrFailed: 'VRヘッドセットを開始できませんでした。もう一度お試しいただくか、画面のままご覧ください。',
    peopleInHall: 'ホール内 {{count}} 人',
    personInHall: 'ホール内 1 人',
    peopleByZone: 'ゾーン別の人数',
  },
} as const;

export type HallTextKey = keyof (typeof HALL_TEXT)['en'];

/** The hall's own interface words in the viewer's language. */
export function useHallText(): {
  text: (key: HallTextKey, vars?: Record<string, string | number>) => string;
  language: string;
} {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const table = language.startsWith('ja') ? HALL_TEXT.ja : HALL_TEXT.en;
  return {
    language,
    text: (key, vars) => {
      let s: string = table[key];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace(`{{${k}}}`, String(v));
      return s;
    },
  };
}

const fontChars = new Set(HALL_FONT_CHARS);

/** Whether the hall's 3D font can draw every character of `text` (else troika would fetch a font from a CDN). */
export function fitsHallFont(text: string): boolean {
  for (const c of text) if (!fontChars.has(c)) return false;
  return true;
}

/** `preferred` if the 3D font can draw it, else `fallback` stripped to what it can draw. */
export function drawableText(preferred: string, fallback: string): string {
  if (fitsHallFont(preferred)) return preferred;
  const stripped = [...fallback]
    .filter((c) => fontChars.has(c))
    .join('')
    .trim();
  return stripped || '…';
}
