/** A small expo in the demo format, for storage tests that need known rows rather than the full demo. */
import type { DemoExpo } from '../../server/seed/demo-expo-schema';

const text = (en: string, ja: string) => ({ en, ja });

export function smallExpo(): DemoExpo {
  return {
    expo: {
      slug: 'test-expo',
      name: text('Test Expo', 'テスト博覧会'),
      tagline: text('Where tests meet', 'テストが出会う場所'),
      venue: text('Online', 'オンライン'),
      startsAt: '2026-12-08T09:00:00+09:00',
      endsAt: '2026-12-10T18:00:00+09:00',
      timeZone: 'Asia/Tokyo',
    },
    zones: [
      {
        slug: 'energy',
        kind: 'exhibit',
        name: text('Energy', 'エネルギー'),
        description: text('E', 'E'),
        color: '#1FA39A',
      },
      { slug: 'stage', kind: 'stage', name: text('Stage', 'ステージ'), description: text('S', 'S'), color: '#FF6B5A' },
    ],
    organisations: [
      { slug: 'wind-co', name: 'Wind Co', country: 'DK', city: 'Aarhus', kind: 'startup', website: null },
      { slug: 'port-co', name: 'Port Co', country: 'JP', city: 'Yokohama', kind: 'corporate', website: null },
    ],
    booths: [
      booth('wind-co-booth', 'wind-co', 'small', ['green', 'offshore-wind']),
      booth('port-co-booth', 'port-co', 'medium', ['smart-port']),
    ],
    accounts: [
      {
        email: 'organiser@test.example',
        password: 'organiser-password',
        displayName: 'Olivia Organiser',
        role: 'organiser',
        jobTitle: 'Expo lead',
        country: 'JP',
        timeZone: 'Asia/Tokyo',
        languages: ['en', 'ja'],
      },
      {
        email: 'staff@wind-co.example',
        password: 'staff-password',
        displayName: 'Sven Staff',
        role: 'exhibitor',
        organisation: 'wind-co',
        orgRole: 'owner',
        jobTitle: 'CEO',
        country: 'DK',
        timeZone: 'Europe/Copenhagen',
        languages: ['en', 'da'],
      },
    ],
  };
}

function booth(
  slug: string,
  organisation: string,
  size: 'small' | 'medium',
  tags: string[],
): DemoExpo['booths'][number] {
  return {
    slug,
    organisation,
    zone: 'energy',
    size,
    template: `shell-${size}`,
    brandColor: '#2266AA',
    name: text(`${organisation} booth`, `${organisation} ブース`),
    tagline: text('Tagline', 'タグライン'),
    description: text('Description', '説明'),
    tags,
    needs: [text('A pilot site', '実証フィールド')],
    offers: [text('Turbines', 'タービン')],
    content: [{ kind: 'link', title: text('Website', 'ウェブサイト'), url: 'https://wind.example.com' }],
  };
}
