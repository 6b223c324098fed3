/**
 * The booth editor: staff edit a draft; publishing copies it onto the booth visitors see, in one transaction, and
 * tells everyone connected. Rights are checked by booth-access.ts; this module only does the work.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { BoothSummary } from '../../shared/api';
import {
  BoothDraft,
  type EditorBoothList,
  type EditorBoothView,
  TEMPLATES_BY_SIZE,
  UPLOAD_PATH,
} from '../../shared/booth-editor';
import { ErrorCode } from '../../shared/errors';
import { loadActor } from '../accounts/actor';
import type { Db } from '../db/database';
import { accounts, boothContent, boothStaff, booths, organisations, uploads, zones } from '../db/schema';
import { DomainError } from '../errors';
import { summaryColumns, toSummary } from '../expo/expo-queries';
import type { LiveNotifier } from '../realtime/live-notifier';
import { assertMayEditBooth, type BoothRow, mayEditBooth } from './booth-access';

export class BoothEditor {
  constructor(private readonly deps: { db: Db; notifier: LiveNotifier }) {}

  /** Booths this person may edit: their organisation's, or every booth for an organiser. */
  async listEditable(accountId: string | null): Promise<EditorBoothList> {
    const { db } = this.deps;
    const actor = await loadActor(db, accountId);
    const rows = await db
      .select({ booth: booths, orgName: organisations.name })
      .from(booths)
      .innerJoin(organisations, eq(booths.organisationId, organisations.id))
      .where(
        actor.role === 'organiser'
          ? undefined
          : eq(booths.organisationId, actor.organisationId ?? '00000000-0000-0000-0000-000000000000'),
      )
      .orderBy(asc(organisations.name), asc(booths.slug));
    return {
      booths: rows
        .filter((r) => mayEditBooth(actor, r.booth))
        .map((r) => ({
          id: r.booth.id,
          slug: r.booth.slug,
          name: (r.booth.draft as BoothDraft | null)?.name ?? r.booth.name,
          status: r.booth.status,
          pendingChanges: r.booth.draft !== null,
          organisation: r.orgName,
        })),
    };
  }

  async get(accountId: string | null, boothId: string): Promise<EditorBoothView> {
    const { booth } = await assertMayEditBooth(this.deps.db, accountId, boothId);
    return this.view(booth);
  }

  /** Saves the draft after checking what the schema cannot: template for the size, media, staff membership. */
  async saveDraft(accountId: string | null, boothId: string, draft: BoothDraft): Promise<EditorBoothView> {
    const { db } = this.deps;
    const { booth } = await assertMayEditBooth(db, accountId, boothId);
    await this.checkDraft(booth, draft);
    const [updated] = await db
      .update(booths)
      .set({ draft, updatedAt: new Date() })
      .where(eq(booths.id, booth.id))
      .returning();
    return this.view(updated!);
  }

  /** Publishes the draft (or the booth as it is, the first time) and tells the hall. */
  async publish(accountId: string | null, boothId: string): Promise<BoothSummary> {
    const { db } = this.deps;
    const { booth } = await assertMayEditBooth(db, accountId, boothId);
    const draft = booth.draft ? BoothDraft.parse(booth.draft) : await this.currentAsDraft(booth);
    await this.checkDraft(booth, draft);
    await db.transaction(async (tx) => {
      await tx
        .update(booths)
        .set({
          name: draft.name,
          tagline: draft.tagline,
          description: draft.description,
          brandColor: draft.brandColor,
          template: draft.template,
          logoUrl: draft.logoUrl,
          tags: draft.tags,
          needs: draft.needs,
          offers: draft.offers,
          status: 'published',
          publishedAt: new Date(),
          updatedAt: new Date(),
          draft: null,
        })
        .where(eq(booths.id, booth.id));
      await tx.delete(boothContent).where(eq(boothContent.boothId, booth.id));
      if (draft.content.length > 0) {
        await tx.insert(boothContent).values(
          draft.content.map((c, sort) => ({
            boothId: booth.id,
            sort,
            kind: c.kind,
            title: c.title,
            url: c.url,
            previewUrl: c.previewUrl,
          })),
        );
      }
      await tx.delete(boothStaff).where(eq(boothStaff.boothId, booth.id));
      if (draft.staffIds.length > 0) {
        await tx
          .insert(boothStaff)
          .values(draft.staffIds.map((accountId, sort) => ({ boothId: booth.id, accountId, sort })));
      }
    });
    const summary = await readSummary(db, booth.id);
    this.deps.notifier.boothUpdated(summary);
    return summary;
  }

  private async checkDraft(booth: BoothRow, draft: BoothDraft): Promise<void> {
    const { db } = this.deps;
    const refuse = (message: string) => new DomainError(ErrorCode.INVALID_PAYLOAD, message);
    const templates = TEMPLATES_BY_SIZE[booth.size];
    if (!templates.includes(draft.template)) {
      throw refuse(`A ${booth.size} plot takes one of these templates: ${templates.join(', ')}.`);
    }
    // Uploaded media must exist and be of the right kind; links and videos may be https addresses.
    const wanted: { url: string; kinds: string[]; https: boolean; what: string }[] = [];
    if (draft.logoUrl) wanted.push({ url: draft.logoUrl, kinds: ['image'], https: false, what: 'The logo' });
    for (const item of draft.content) {
      const what = `"${item.title.en || item.url}"`;
      const kinds = item.kind === 'link' ? [] : [item.kind === 'document' ? 'document' : item.kind];
      wanted.push({ url: item.url, kinds, https: item.kind === 'link' || item.kind === 'video', what });
      if (item.previewUrl) wanted.push({ url: item.previewUrl, kinds: ['image'], https: false, what });
    }
    const names = wanted.filter((w) => UPLOAD_PATH.test(w.url)).map((w) => w.url.slice('/uploads/'.length));
    const found = names.length
      ? await db
          .select({ storedName: uploads.storedName, kind: uploads.kind })
          .from(uploads)
          .where(inArray(uploads.storedName, names))
      : [];
    const kindOf = new Map(found.map((f) => [f.storedName, f.kind as string]));
    for (const w of wanted) {
      if (w.url.startsWith('https://')) {
        if (!w.https) throw refuse(`${w.what} must be an uploaded file, not a web address.`);
      } else if (w.url.startsWith('/uploads/')) {
        const kind = kindOf.get(w.url.slice('/uploads/'.length));
        if (!kind) throw refuse(`${w.what} points to a file that was never uploaded.`);
        if (!w.kinds.includes(kind)) throw refuse(`${w.what} is a ${kind} upload, which does not fit here.`);
      } else if (w.kinds.length === 0) {
        throw refuse(`${w.what}: links must be https:// addresses.`);
      }
    }
    if (draft.staffIds.length > 0) {
      const members = await db
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(inArray(accounts.id, draft.staffIds), eq(accounts.organisationId, booth.organisationId)));
      if (members.length !== new Set(draft.staffIds).size) {
        throw refuse("The staff list may only name people of the booth's own organisation.");
      }
    }
  }

  private async currentAsDraft(booth: BoothRow): Promise<BoothDraft> {
    const { db } = this.deps;
    const [content, staff] = await Promise.all([
      db.select().from(boothContent).where(eq(boothContent.boothId, booth.id)).orderBy(asc(boothContent.sort)),
      db
        .select({ accountId: boothStaff.accountId })
        .from(boothStaff)
        .where(eq(boothStaff.boothId, booth.id))
        .orderBy(asc(boothStaff.sort)),
    ]);
    return {
      name: booth.name,
      tagline: booth.tagline,
      description: booth.description,
      brandColor: booth.brandColor,
      template: booth.template,
      logoUrl: booth.logoUrl,
      tags: booth.tags,
      needs: booth.needs,
      offers: booth.offers,
      content: content.map((c) => ({ kind: c.kind, title: c.title, url: c.url, previewUrl: c.previewUrl })),
      staffIds: staff.map((s) => s.accountId),
    };
  }

  private async view(booth: BoothRow): Promise<EditorBoothView> {
    const { db } = this.deps;
    const [[zone], [org], members] = await Promise.all([
      db.select().from(zones).where(eq(zones.id, booth.zoneId)),
      db.select().from(organisations).where(eq(organisations.id, booth.organisationId)),
      db
        .select({ id: accounts.id, displayName: accounts.displayName, orgRole: accounts.orgRole })
        .from(accounts)
        .where(eq(accounts.organisationId, booth.organisationId))
        .orderBy(asc(accounts.displayName)),
    ]);
    return {
      id: booth.id,
      slug: booth.slug,
      status: booth.status,
      publishedAt: booth.publishedAt?.toISOString() ?? null,
      pendingChanges: booth.draft !== null,
      size: booth.size,
      position: booth.position,
      zone: { id: zone!.id, name: zone!.name },
      organisation: { id: org!.id, name: org!.name },
      templates: [...TEMPLATES_BY_SIZE[booth.size]],
      members,
      draft: booth.draft ? BoothDraft.parse(booth.draft) : await this.currentAsDraft(booth),
    };
  }
}

/** A booth as the hall lists it (whatever its status). */
export async function readSummary(db: Db, boothId: string): Promise<BoothSummary> {
  const [row] = await db
    .select(summaryColumns)
    .from(booths)
    .innerJoin(organisations, eq(booths.organisationId, organisations.id))
    .where(eq(booths.id, boothId));
  if (!row) throw new DomainError(ErrorCode.NOT_FOUND, 'No such booth.');
  return toSummary(row);
}
