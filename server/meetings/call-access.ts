/**
 * How a participant enters a meeting's call: a short-lived LiveKit token when LiveKit is configured, otherwise
 * peer-to-peer with the ICE servers, and for the signalling adapter the check that someone may be in the call now.
 * Entering records the first join (meeting_attendance), which is how the organiser's figures count meetings held.
 */
import { eq } from 'drizzle-orm';
import type { CallAccessView } from '../../shared/meetings';
import type { Db } from '../db/database';
import { accounts, meetingAttendance } from '../db/schema';
import type { LiveKitConfig } from '../video/livekit-tokens';
import { mintCallToken } from '../video/livekit-tokens';
import { assertMayJoinCall, requireAccount } from './meeting-access';
import { meetingRow } from './meeting-views';

export interface CallAccessDeps {
  db: Db;
  now: () => number;
  livekit: LiveKitConfig | undefined;
  iceServers: { urls: string | string[]; username?: string; credential?: string }[];
}

export class CallAccess {
  constructor(private readonly deps: CallAccessDeps) {}

  private get db() {
    return this.deps.db;
  }

  /** How the caller enters the call: a LiveKit token when LiveKit is configured, otherwise peer-to-peer. */
  async callAccess(actorId: string | null, meetingId: string): Promise<CallAccessView> {
    const accountId = requireAccount(actorId);
    const meeting = await meetingRow(this.db, meetingId);
    assertMayJoinCall(meeting, accountId, this.deps.now());
    await this.db
      .insert(meetingAttendance)
      .values({ meetingId, accountId, firstJoinedAt: new Date(this.deps.now()) })
      .onConflictDoNothing();
    if (!this.deps.livekit) return { mode: 'p2p', room: meetingId, iceServers: this.deps.iceServers };
    const [me] = await this.db.select({ name: accounts.displayName }).from(accounts).where(eq(accounts.id, accountId));
    const token = await mintCallToken(this.deps.livekit, {
      room: meetingId,
      identity: accountId,
      name: me?.name ?? '',
      endsAt: meeting.endsAt,
      now: this.deps.now(),
    });
    return { mode: 'livekit', url: this.deps.livekit.url, token, room: meetingId };
  }

  /** For the signalling adapter: refuses anyone who may not be in the call now; returns their display name. */
  async assertInCall(accountId: string | null, meetingId: string): Promise<string> {
    const meeting = await meetingRow(this.db, meetingId);
    assertMayJoinCall(meeting, accountId, this.deps.now());
    const [me] = await this.db.select({ name: accounts.displayName }).from(accounts).where(eq(accounts.id, accountId!));
    return me?.name ?? '';
  }
}
