/** The meeting and call screens' words in each interface language. */
export const meetingStrings = {
  en: {
    bookTitle: 'Book a video meeting',
    slotsIntro: 'Times are shown in your time zone ({zone}); the exhibitor’s local time is beside each.',
    noSlots: 'No free times left with {name}.',
    theirTime: '{time} for {name}',
    nextDay: '(+1 day)',
    prevDay: '(−1 day)',
    agenda: 'What would you like to talk about? (optional)',
    book: 'Book {time}',
    booking: 'Booking…',
    booked: 'Booked! {name} will see you on {when}. The invitation is in “My meetings”.',
    justTaken: 'Someone has just taken that time. Please pick another.',
    enterFirst: 'Enter the expo (as a guest or with an account) to book a meeting.',
    loadFailed: 'The meeting times could not be loaded. Try again in a moment.',
    myMeetings: 'My meetings',
    noMeetings: 'No meetings yet. Book one from a booth.',
    with: 'with {name}',
    at: 'at {booth}',
    yourTime: 'Your time ({zone})',
    status_booked: 'Booked',
    status_cancelled: 'Cancelled',
    status_declined: 'Declined',
    status_held: 'Held',
    join: 'Join',
    joinOpensAt: 'Join opens 5 minutes before',
    cancel: 'Cancel',
    cancelReason: 'A short note for the other side (optional)',
    reschedule: 'Move',
    rescheduleTo: 'Move to another time',
    decline: 'Decline',
    declineReason: 'Tell the visitor why (required)',
    invitation: 'Calendar invitation (.ics)',
    note: 'Note: {message}',
    agendaLabel: 'Agenda: {agenda}',
    failed: 'That did not work: {message}',
    reminder: 'Your meeting with {name} starts in {minutes} min.',
    reminderNow: 'Your meeting with {name} is starting.',
    dismiss: 'Dismiss',
    callTitle: 'Meeting with {name}',
    callConnecting: 'Connecting…',
    callWaiting: 'Waiting for {name} to join…',
    callRefused: 'You cannot join this call: {message}',
    camera: 'Camera',
    cameraOff: 'Turn camera off',
    cameraOn: 'Turn camera on',
    micOff: 'Mute',
    micOn: 'Unmute',
    shareScreen: 'Share screen',
    stopShare: 'Stop sharing',
    leave: 'Leave',
    microphone: 'Microphone',
    quality: 'Connection: {quality}',
    quality_excellent: 'excellent',
    quality_good: 'good',
    quality_poor: 'poor',
    quality_lost: 'lost',
    quality_unknown: 'measuring…',
    you: 'You',
    chat: 'Meeting chat',
    mediaDenied: 'Camera or microphone not available; you can still listen and chat.',
    publishTitle: 'My meeting times',
  },
  ja: {
    bookTitle: 'ビデオ商談を予約',
    slotsIntro: '時刻はあなたのタイムゾーン（{zone}）で表示しています。出展者の現地時刻を併記しています。',
    noSlots: '{name}さんの空き時間はありません。',
    theirTime: '{name}さんの現地時刻 {time}',
    nextDay: '（翌日）',
    prevDay: '（前日）',
    agenda: '話したい内容（任意）',
    book: '{time}で予約',
    booking: '予約中…',
    booked: '予約しました。{name}さんとの商談は{when}です。招待状は「マイ商談」にあります。',
    justTaken: 'その時間はたった今ほかの方が予約しました。別の時間を選んでください。',
    enterFirst: '商談を予約するには、ゲストまたはアカウントで入場してください。',
    loadFailed: '商談の時間を読み込めませんでした。少し待ってから再度お試しください。',
    myMeetings: 'マイ商談',
    noMeetings: 'まだ商談はありません。ブースから予約できます。',
    with: '{name}さんと',
    at: '{booth}',
    yourTime: 'あなたの時刻（{zone}）',
    status_booked: '予約済み',
    status_cancelled: 'キャンセル',
    status_declined: '辞退',
    status_held: '実施済み',
    join: '参加',
    joinOpensAt: '開始5分前から参加できます',
    cancel: 'キャンセル',
    cancelReason: '相手へのひとこと（任意）',
    reschedule: '変更',
    rescheduleTo: '別の時間に変更',
    decline: '辞退',
    declineReason: '辞退の理由（必須）',
    invitation: 'カレンダー招待状（.ics）',
    note: 'メモ：{message}',
    agendaLabel: '議題：{agenda}',
    failed: 'うまくいきませんでした：{message}',
    reminder: '{name}さんとの商談まであと{minutes}分です。',
    reminderNow: '{name}さんとの商談が始まります。',
    dismiss: '閉じる',
    callTitle: '{name}さんとの商談',
    callConnecting: '接続中…',
    callWaiting: '{name}さんの参加を待っています…',
    callRefused: 'この通話には参加できません：{message}',
    camera: 'カメラ',
    cameraOff: 'カメラをオフ',
    cameraOn: 'カメラをオン',
    micOff: 'ミュート',
    micOn: 'ミュート解除',
    shareScreen: '画面共有',
    stopShare: '共有を停止',
    leave: '退出',
    microphone: 'マイク',
    quality: '接続品質：{quality}',
    quality_excellent: '非常に良好',
    quality_good: '良好',
    quality_poor: '不安定',
    quality_lost: '切断',
    quality_unknown: '測定中…',
    you: 'あなた',
    chat: '商談チャット',
    mediaDenied: 'カメラまたはマイクを使えません。音声を聞くこととチャットはできます。',
    publishTitle: '商談可能な時間',
  },
} as const;

export type MeetingStrings = { [K in keyof (typeof meetingStrings)['en']]: string };

// Every language has every key (checked by the compiler).
const _ja: MeetingStrings = meetingStrings.ja;
void _ja;

export function meetingStringsFor(language: string): MeetingStrings {
  return language === 'ja' ? meetingStrings.ja : meetingStrings.en;
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** The viewer's time zone: their account's, else the browser's. */
export function viewerTimeZone(accountZone: string | null | undefined): string {
  return accountZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "Tue 8 Dec, 17:00" in a zone and language. */
export function formatWhen(instant: string | number, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

export function formatTime(instant: string | number, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/** The local calendar day of an instant in a zone, as YYYY-MM-DD (for grouping and day shifts). */
export function dayKey(instant: string | number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

export function formatDay(instant: string | number, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(new Date(instant));
}
