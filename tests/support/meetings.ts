/** Helpers for meeting tests: HTTP calls as a person, and the demo booth ids. */
import type { BoothSlotsView, MeetingView } from '../../shared/meetings';
import type { Person } from './clients';
import { postJson } from './http';

export const DEMO_PASSWORD = 'minato-exhibitor-2026';

export async function getAs(base: string, path: string, person?: Person) {
  const res = await fetch(base + path, { headers: person ? { cookie: person.cookie } : {} });
  const text = await res.text();
  let body: unknown = text;
  if (res.headers.get('content-type')?.includes('json')) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, body };
}

export function postAs(base: string, path: string, body: unknown, person?: Person) {
  return postJson(base, path, body, person ? { cookie: person.cookie } : {});
}

export async function boothId(base: string, slug: string): Promise<string> {
  const res = await getAs(base, `/api/booths/${slug}`);
  return (res.body as { id: string }).id;
}

export async function slotsOf(base: string, booth: string, person?: Person): Promise<BoothSlotsView> {
  const res = await getAs(base, `/api/meetings/booths/${booth}/slots`, person);
  if (res.status !== 200) throw new Error(`slots: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as BoothSlotsView;
}

export async function book(
  base: string,
  person: Person,
  body: { hostId: string; boothId: string; startsAt: string; endsAt: string; agenda?: string },
) {
  const res = await postAs(base, '/api/meetings', body, person);
  return res as { status: number; body: MeetingView | { error: { code: string; message: string } } };
}
