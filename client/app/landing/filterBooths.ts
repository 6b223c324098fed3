import type { BoothSummary } from '../../../shared/api';
import { GREEN_TAG } from '../../../shared/domain';

export interface BoothFilter {
  /** Free text: matched against names, taglines, tags, organisation, city and country (code or name). */
  query: string;
  /** Only booths in this zone id; null for all zones. */
  zoneId: string | null;
  greenOnly: boolean;
}

/** Lower-cases and strips accents and width differences so "Kobe", "kōbe" and "ｋｏｂｅ" match alike. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The booths a directory filter lets through, in their given order. Every word of the query must match
 * somewhere; `countryNameOf` supplies country names so visitors can type "Germany" or "ドイツ".
 */
export function filterBooths(
  booths: readonly BoothSummary[],
  filter: BoothFilter,
  countryNameOf: (code: string) => string[],
): BoothSummary[] {
  const words = fold(filter.query).split(/\s+/).filter(Boolean);
  return booths.filter((booth) => {
    if (filter.zoneId && booth.zoneId !== filter.zoneId) return false;
    if (filter.greenOnly && !booth.tags.includes(GREEN_TAG)) return false;
    if (words.length === 0) return true;
    const haystack = fold(
      [
        ...Object.values(booth.name),
        ...Object.values(booth.tagline),
        ...booth.tags,
        ...booth.tags.map((tag) => tag.replace(/-/g, ' ')),
        booth.organisation.name,
        booth.organisation.city,
        booth.organisation.country,
        ...countryNameOf(booth.organisation.country),
      ].join('\n'),
    );
    return words.every((word) => haystack.includes(word));
  });
}
