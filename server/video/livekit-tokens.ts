/**
 * LiveKit access tokens for meeting calls. Minted only for a meeting's participants (meeting-access.ts decides),
 * only while its call is open, for that meeting's room alone, with the least grants a call needs (camera,
 * microphone, screen share; no room admin, no data channel: the meeting chat runs on our own socket) and a short
 * life: a token only has to be valid when the client connects.
 */
import { AccessToken, TrackSource } from 'livekit-server-sdk';
import { CALL_CLOSES_MINUTES } from '../../shared/meetings';

export interface LiveKitConfig {
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** The longest a call token lives. */
export const CALL_TOKEN_TTL_S = 10 * 60;

export interface CallTokenRequest {
  room: string;
  identity: string;
  name: string;
  /** The meeting's end; the token never outlives the call window. */
  endsAt: Date;
  now: number;
}

export async function mintCallToken(livekit: LiveKitConfig, req: CallTokenRequest): Promise<string> {
  const closesAt = req.endsAt.getTime() + CALL_CLOSES_MINUTES * 60_000;
  const ttl = Math.max(1, Math.min(CALL_TOKEN_TTL_S, Math.floor((closesAt - req.now) / 1000)));
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity: req.identity, name: req.name, ttl });
  token.addGrant({
    room: req.room,
    roomJoin: true,
    canSubscribe: true,
    canPublish: true,
    canPublishData: false,
    canPublishSources: [
      TrackSource.CAMERA,
      TrackSource.MICROPHONE,
      TrackSource.SCREEN_SHARE,
      TrackSource.SCREEN_SHARE_AUDIO,
    ],
    canUpdateOwnMetadata: false,
  });
  return token.toJwt();
}
