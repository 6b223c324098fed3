/**
 * "Talk now": a visitor asks a booth's online staff for an instant call; one staff member accepts (an ad-hoc
 * meeting starting now, so the usual call screen, tokens and signalling apply) or declines; unanswered requests
 * expire. A plain module: the socket adapter (realtime/meeting-socket.ts) tells it who is online and delivers
 * what it reports through `onPrompt` and `onEnded`.
 *
 * Requests are rows (talk_requests), not this process's memory: with several processes a staff member answers
 * wherever they are connected. Every change of status is one conditional UPDATE (`status = 'open'`), so exactly one
 * of an accept, a decline, a withdrawal or the expiry wins, and only the process that wins reports it.
 */
import { and, desc, eq, gt, lte } from 'drizzle-orm';
import { ErrorCode } from '../../shared/errors';
import type { LocalizedText } from '../../shared/i18n';
import { TALK_MEETING_MINUTES, TALK_REQUEST_SECONDS, type TalkEndReason, type TalkPrompt } from '../../shared/meetings';
import type { Db } from '../db/database';
import { accounts, boothStaff, booths, talkRequests } from '../db/schema';
import { DomainError } from '../errors';
import { isBoothStaff, requireAccount } from './meeting-access';
import type { MeetingService } from './meeting-service';

export interface TalkNowDeps {
  db: Db;
  meetings: MeetingService;
  now: () => number;
  /** Whether the account has a connection open now (any process). */
  isOnline: (accountId: string) => Promise<boolean>;
  ttlMs?: number;
  /** How often this process ends requests whose asker's process went away before they expired. */
  sweepMs?: number;
}

export interface TalkEndedNotice {
  requestId: string;
  reason: TalkEndReason;
  meetingId: string | null;
  requesterId: string;
  staffIds: string[];
}

type TalkRow = typeof talkRequests.$inferSelect;

/** A visitor asks again at most this often (each request prompts every online staff member). */
export const TALK_REQUEST_COOLDOWN_MS = 5_000;

const GONE = 'This request has ended (answered, withdrawn or expired).';

export class TalkNowDesk {
  /** Expiry timers of the requests made on this process; the sweep covers those of other processes. */
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly sweep: ReturnType<typeof setInterval>;
  private readonly promptListeners = new Set<(staffIds: string[], prompt: TalkPrompt) => void>();
  private readonly endListeners = new Set<(notice: TalkEndedNotice) => void>();
  private readonly ttlMs: number;

  constructor(private readonly deps: TalkNowDeps) {
    this.ttlMs = deps.ttlMs ?? TALK_REQUEST_SECONDS * 1000;
    this.sweep = setInterval(() => void this.expireDue().catch(() => {}), deps.sweepMs ?? 15_000);
    this.sweep.unref();
  }

  onPrompt(listener: (staffIds: string[], prompt: TalkPrompt) => void): () => void {
    this.promptListeners.add(listener);
    return () => this.promptListeners.delete(listener);
  }

  onEnded(listener: (notice: TalkEndedNotice) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /** Asks the booth's online staff; a visitor has one open request at a time (a new one withdraws the old). */
  async request(actorId: string | null, boothId: string): Promise<{ requestId: string; expiresAt: string }> {
    const requesterId = requireAccount(actorId);
    const now = this.deps.now();
    const [last] = await this.deps.db
      .select({ askedAt: talkRequests.askedAt })
      .from(talkRequests)
      .where(eq(talkRequests.requesterId, requesterId))
      .orderBy(desc(talkRequests.askedAt))
      .limit(1);
    if (last && now - last.askedAt.getTime() < TALK_REQUEST_COOLDOWN_MS) {
      throw new DomainError(ErrorCode.RATE_LIMITED, 'Please wait a moment before asking again.');
    }
    const [booth] = await this.deps.db
      .select({ name: booths.name, status: booths.status })
      .from(booths)
      .where(eq(booths.id, boothId));
    if (booth?.status !== 'published') throw new DomainError(ErrorCode.NOT_FOUND, 'No such booth.');
    const staff = await this.deps.db
      .select({ id: boothStaff.accountId })
      .from(boothStaff)
      .where(eq(boothStaff.boothId, boothId));
    if (staff.some((s) => s.id === requesterId)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'You are on this booth’s team.');
    }
    const online: string[] = [];
    for (const s of staff) if (await this.deps.isOnline(s.id)) online.push(s.id);
    if (online.length === 0) {
      throw new DomainError(ErrorCode.UNAVAILABLE, 'Nobody from this booth is online just now.');
    }
    // The same rules as booking (who may meet whom), checked now rather than after a staff member accepts.
    await this.deps.meetings.assertMayMeet(requesterId, { hostId: online[0]!, boothId });
    for (const r of await this.transition('cancelled', eq(talkRequests.requesterId, requesterId))) this.notify(r);

    const [me] = await this.deps.db
      .select({ name: accounts.displayName })
      .from(accounts)
      .where(eq(accounts.id, requesterId));
    const expiresAt = now + this.ttlMs;
    const [row] = await this.deps.db
      .insert(talkRequests)
      .values({ boothId, requesterId, staffIds: online, askedAt: new Date(now), expiresAt: new Date(expiresAt) })
      .returning({ id: talkRequests.id });
    const id = row!.id;
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        void this.expireDue().catch(() => {});
      }, this.ttlMs),
    );
    const prompt: TalkPrompt = {
      requestId: id,
      boothId,
      boothName: booth.name as LocalizedText,
      fromName: me?.name ?? '',
      expiresAt: new Date(expiresAt).toISOString(),
    };
    for (const listener of this.promptListeners) listener(online, prompt);
    return { requestId: id, expiresAt: prompt.expiresAt };
  }

  /** The visitor withdraws their request. */
  async cancel(actorId: string | null, requestId: string): Promise<void> {
    const requesterId = requireAccount(actorId);
    await this.expireDue();
    const [r] = await this.transition(
      'cancelled',
      and(eq(talkRequests.id, requestId), eq(talkRequests.requesterId, requesterId)),
    );
    if (!r) throw new DomainError(ErrorCode.NOT_FOUND, 'No such open request of yours.');
    this.notify(r);
  }

  /**
   * A staff member of the booth answers. Accepting takes the request (a colleague answering a moment later gets
   * NOT_FOUND) and starts the meeting; its id is returned and sent to the visitor.
   */
  async answer(actorId: string | null, requestId: string, accept: boolean): Promise<{ meetingId: string | null }> {
    const staffId = requireAccount(actorId);
    await this.expireDue();
    const [known] = await this.deps.db.select().from(talkRequests).where(eq(talkRequests.id, requestId));
    if (known?.status !== 'open') throw new DomainError(ErrorCode.NOT_FOUND, GONE);
    if (!(await isBoothStaff(this.deps.db, staffId, known.boothId))) {
      throw new DomainError(ErrorCode.FORBIDDEN, "Only this booth's staff can answer.");
    }
    // Taken atomically: another answer, a withdrawal or the expiry may have won meanwhile.
    const [r] = await this.transition(accept ? 'accepted' : 'declined', eq(talkRequests.id, requestId));
    if (!r) throw new DomainError(ErrorCode.NOT_FOUND, GONE);
    if (!accept) {
      this.notify(r);
      return { meetingId: null };
    }
    try {
      const meeting = await this.deps.meetings.startNow({
        hostId: staffId,
        guestId: r.requesterId,
        boothId: r.boothId,
        minutes: TALK_MEETING_MINUTES,
      });
      await this.deps.db.update(talkRequests).set({ meetingId: meeting.id }).where(eq(talkRequests.id, r.id));
      this.notify(r, meeting.id);
      return { meetingId: meeting.id };
    } catch (err) {
      await this.deps.db.update(talkRequests).set({ status: 'failed' }).where(eq(talkRequests.id, r.id));
      this.notify({ ...r, status: 'failed' });
      throw err;
    }
  }

  /** Ends every open request whose time is up (on any process) and reports each once. */
  async expireDue(): Promise<void> {
    const now = new Date(this.deps.now());
    for (const r of await this.transition('expired', lte(talkRequests.expiresAt, now))) this.notify(r);
  }

  /** Stops this process's timers (server shutdown); open requests stay for the sweep of a process still running. */
  stop(): void {
    clearInterval(this.sweep);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /**
   * Moves the open requests matching `where` to `status`; returns those this call moved. Apart from an expiry,
   * only unexpired requests move.
   */
  private async transition(status: Exclude<TalkRow['status'], 'open'>, where: ReturnType<typeof and>) {
    const open = eq(talkRequests.status, 'open');
    const alive = status === 'expired' ? undefined : gt(talkRequests.expiresAt, new Date(this.deps.now()));
    return this.deps.db
      .update(talkRequests)
      .set({ status })
      .where(and(open, alive, where))
      .returning();
  }

  private notify(r: TalkRow, meetingId: string | null = null) {
    const timer = this.timers.get(r.id);
    if (timer) clearTimeout(timer);
    this.timers.delete(r.id);
    const notice = {
      requestId: r.id,
      reason: r.status as TalkEndReason,
      meetingId,
      requesterId: r.requesterId,
      staffIds: r.staffIds,
    };
    for (const listener of this.endListeners) listener(notice);
  }
}
