/** The expo's dates and daily hours as a viewer should read them. Every field is already formatted text. */
export interface ExpoSchedule {
  /** The date range in the viewer's time zone, e.g. "8–10 Dec 2026". */
  dates: string;
  /** The viewer's IANA time zone, e.g. "Europe/Berlin". */
  viewerTimeZone: string;
  /** Opening hours in the expo's own zone, e.g. "9:00–18:00". */
  expoHours: string;
  /** The expo zone's name in the viewer's language, e.g. "Japan Standard Time". */
  expoZoneName: string;
  /** The same hours on the viewer's clock, or null when the viewer's clock reads the same. */
  viewerHours: string | null;
}

export interface ScheduleInput {
  startsAt: string;
  endsAt: string;
  expoTimeZone: string;
  /** BCP 47 locale for formatting, e.g. "en-GB" or "ja". */
  locale: string;
  /** Defaults to the browser's zone. */
  viewerTimeZone?: string;
}

/** The browser's IANA time zone. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The regional locale to format with: the browser's own when it is in the interface language (so an American
 * reading English gets "Dec 8–10" and a Briton "8–10 Dec"), else the interface language.
 */
export function formattingLocale(language: string): string {
  const browser = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return browser.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

function hours(at: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

function zoneName(timeZone: string, locale: string, at: Date): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** Formats the expo's dates in the viewer's zone and its daily hours in the expo's zone (and the viewer's). */
export function formatSchedule(input: ScheduleInput): ExpoSchedule {
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  const viewerZone = input.viewerTimeZone ?? viewerTimeZone();
  const dates = formatDateRange(start, end, viewerZone, input.locale);
  const expoHours = `${hours(start, input.expoTimeZone, input.locale)}–${hours(end, input.expoTimeZone, input.locale)}`;
  const localHours = `${hours(start, viewerZone, input.locale)}–${hours(end, viewerZone, input.locale)}`;
  return {
    dates,
    viewerTimeZone: viewerZone,
    expoHours,
    expoZoneName: zoneName(input.expoTimeZone, input.locale, start),
    viewerHours: localHours === expoHours ? null : localHours,
  };
}

function formatDateRange(start: Date, end: Date, timeZone: string, locale: string): string {
  const options: Intl.DateTimeFormatOptions = { timeZone, day: 'numeric', month: 'short', year: 'numeric' };
  if (!locale.startsWith('ja')) return new Intl.DateTimeFormat(locale, options).formatRange(start, end);
  // ICU's Japanese ranges come out as 2026/12/08～2026/12/10; 2026年12月8日〜10日 is how people write them.
  const full = new Intl.DateTimeFormat(locale, { ...options, month: 'long' });
  const part = (at: Date, type: Intl.DateTimeFormatPartTypes) =>
    full.formatToParts(at).find((p) => p.type === type)?.value;
  const sameMonth = part(start, 'year') === part(end, 'year') && part(start, 'month') === part(end, 'month');
  return `${full.format(start)}〜${sameMonth ? `${part(end, 'day')}日` : full.format(end)}`;
}
