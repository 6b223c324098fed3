/**
 * "Talk now": a visitor asks a booth's online staff for an instant call; one staff member accepts (an ad-hoc
 * meeting starting now, so the usual call screen, tokens and signalling apply) or declines; unanswered requests
 * expire. A plain module: the socket adapter (realtime/meeting-socket.ts) tells it who is online and delivers
 * what it reports through `onPrompt` and `onEnded`.
 *
 * Requests live in this process's memory. With several processes (Redis adapter) prompts and outcomes reach
 * everyone, but an answer is only found if the staff member's socket is on the process that holds the request.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { ErrorCode } from '../../shared/errors';
import type { LocalizedText } from '../../shared/i18n';
import { TALK_MEETING_MINUTES, TALK_REQUEST_SECONDS, type TalkEndReason, type TalkPrompt } from '../../shared/meetings';
import type { Db } from '../db/database';
import { accounts, boothStaff, booths } from '../db/schema';
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
}

export interface TalkEndedNotice {
  requestId: string;
  reason: TalkEndReason;
  meetingId: string | null;
  requesterId: string;
  staffIds: string[];
}

interface OpenRequest {
  id: string;
  boothId: string;
  requesterId: string;
  staffIds: string[];
  expiresAt: number;
  timer: ReturnType<typeof setTimeout>;
}

/** A visitor asks again at most this often (each request prompts every online staff member). */
export const TALK_REQUEST_COOLDOWN_MS = 5_000;

export class TalkNowDesk {
  private readonly open = new Map<string, OpenRequest>();
  /** When each visitor last asked; entries older than the cooldown are dropped as new requests come. */
  private readonly lastAsked = new Map<string, number>();
  private readonly promptListeners = new Set<(staffIds: string[], prompt: TalkPrompt) => void>();
  private readonly endListeners = new Set<(notice: TalkEndedNotice) => void>();
  private readonly ttlMs: number;

  constructor(private readonly deps: TalkNowDeps) {
    this.ttlMs = deps.ttlMs ?? TALK_REQUEST_SECONDS * 1000;
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
    for (const [id, at] of this.lastAsked) if (now - at >= TALK_REQUEST_COOLDOWN_MS) this.lastAsked.delete(id);
    if (this.lastAsked.has(requesterId)) {
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
    for (const r of this.open.values()) if (r.requesterId === requesterId) this.end(r, 'cancelled', null);
    this.lastAsked.set(requesterId, now);

    const [me] = await this.deps.db
      .select({ name: accounts.displayName })
      .from(accounts)
      .where(eq(accounts.id, requesterId));
    const id = randomUUID();
    const expiresAt = now + this.ttlMs;
    const request: OpenRequest = {
      id,
      boothId,
      requesterId,
      staffIds: online,
      expiresAt,
      timer: setTimeout(() => {
        const r = this.open.get(id);
        if (r) this.end(r, 'expired', null);
      }, this.ttlMs),
    };
    this.open.set(id, request);
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
  cancel(actorId: string | null, requestId: string): void {
    const r = this.live(requestId);
    if (r.requesterId !== actorId) throw new DomainError(ErrorCode.NOT_FOUND, 'No such request of yours.');
    this.end(r, 'cancelled', null);
  }

  /**
   * A staff member of the booth answers. Accepting takes the request (a colleague answering a moment later gets
   * NOT_FOUND) and starts the meeting; its id is returned and sent to the visitor.
   */
  async answer(actorId: string | null, requestId: string, accept: boolean): Promise<{ meetingId: string | null }> {
    const staffId = requireAccount(actorId);
    const known = this.live(requestId);
    if (!(await isBoothStaff(this.deps.db, staffId, known.boothId))) {
      throw new DomainError(ErrorCode.FORBIDDEN, "Only this booth's staff can answer.");
    }
    // Looked up again after the await: another answer may have taken it meanwhile.
    const r = this.live(requestId);
    if (!accept) {
      this.end(r, 'declined', null);
      return { meetingId: null };
    }
    this.close(r);
    try {
      const meeting = await this.deps.meetings.startNow({
        hostId: staffId,
        guestId: r.requesterId,
        boothId: r.boothId,
        minutes: TALK_MEETING_MINUTES,
      });
      this.notifyEnded(r, 'accepted', meeting.id);
      return { meetingId: meeting.id };
    } catch (err) {
      this.notifyEnded(r, 'failed', null);
      throw err;
    }
  }

  /** Forgets every request and stops their timers (server shutdown). */
  stop(): void {
    for (const r of this.open.values()) clearTimeout(r.timer);
    this.open.clear();
    this.lastAsked.clear();
  }

  /** An open, unexpired request; an expired one is ended here (its timer may not have fired yet). */
  private live(requestId: string): OpenRequest {
    const r = this.open.get(requestId);
    if (r && this.deps.now() > r.expiresAt) this.end(r, 'expired', null);
    if (!r || !this.open.has(requestId)) {
      throw new DomainError(ErrorCode.NOT_FOUND, 'This request has ended (answered, withdrawn or expired).');
    }
    return r;
  }

  private close(r: OpenRequest) {
    clearTimeout(r.timer);
    this.open.delete(r.id);
  }

  private end(r: OpenRequest, reason: TalkEndReason, meetingId: string | null) {
    this.close(r);
    this.notifyEnded(r, reason, meetingId);
  }

  private notifyEnded(r: OpenRequest, reason: TalkEndReason, meetingId: string | null) {
    const notice = { requestId: r.id, reason, meetingId, requesterId: r.requesterId, staffIds: r.staffIds };
    for (const listener of this.endListeners) listener(notice);
  }
}
