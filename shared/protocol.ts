/**
 * The Socket.IO protocol: one zod schema per event, the typed event maps built from them, and the version that a
 * client must match to connect. Bump PROTOCOL_VERSION on any change a deployed client would misread.
 */
import { z } from 'zod';
import { boothServerEvents } from './booth-editor';
import { chatClientEvents, chatServerEvents } from './chat';
import type { ErrorBody } from './errors';
import { meetingClientEvents, meetingServerEvents } from './meetings';
import { presenceClientEvents, presenceServerEvents, presenceVolatileEvents } from './presence';

/**
 * 2: presence batches became text (base64 of 5/6-byte entries) carrying view changes, and profiles are sent once
 * per connection; a tab still running a version-1 bundle would misread them, so it is asked to reload.
 * 3: presence batches are binary attachments, no longer base64 text (a version-2 bundle would misread them).
 */
export const PROTOCOL_VERSION = 3;

/** What a client sends in the Socket.IO handshake (`auth`). */
export const HandshakeAuth = z.object({ protocolVersion: z.number().int() });
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

/** Events a client may send, each with its payload schema and the schema of its acknowledgement. */
export const clientEvents = {
  /** Round trip for clock offset and latency; the client shows connection quality from it. */
  'clock:ping': {
    payload: z.object({ clientTime: z.number() }),
    ack: z.object({ clientTime: z.number(), serverTime: z.number() }),
  },
  ...chatClientEvents,
  ...presenceClientEvents,
  ...meetingClientEvents,
} as const;

/** Events the server sends. */
export const serverEvents = {
  welcome: z.object({ protocolVersion: z.number().int(), serverTime: z.number(), connectionId: z.string() }),
  /** The server is going down (deploy, restart): reconnect in a moment, nothing is lost. */
  'server:shutdown': z.object({ reason: z.enum(['restart', 'shutdown']) }),
  /** A connection-level problem (malformed volatile event, flooding) with its code. */
  'protocol:error': z.object({ code: z.string(), message: z.string() }),
  ...chatServerEvents,
  ...presenceServerEvents,
  ...meetingServerEvents,
  ...boothServerEvents,
} as const;

export type ClientEventName = keyof typeof clientEvents;
export type ClientPayload<E extends ClientEventName> = z.infer<(typeof clientEvents)[E]['payload']>;
export type ClientAckData<E extends ClientEventName> = z.infer<(typeof clientEvents)[E]['ack']>;

/** Every acknowledgement is a result: data, or a coded error the client shows in words. */
export type AckResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Events sent without acknowledgement (volatile poses); the server parses them on a lean path of their own. */
export const volatileClientEvents = { ...presenceVolatileEvents } as const;

export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: (result: AckResult<ClientAckData<E>>) => void) => void;
} & {
  [E in keyof typeof volatileClientEvents]: (payload: z.infer<(typeof volatileClientEvents)[E]>) => void;
};
export type ServerToClientEvents = {
  [E in keyof typeof serverEvents]: (payload: z.infer<(typeof serverEvents)[E]>) => void;
};

/** The message of the handshake error a client gets when its version differs; it tells the user to reload. */
export const PROTOCOL_MISMATCH_MESSAGE = 'PROTOCOL_MISMATCH';
