import type { Socket } from 'socket.io';
import type { AccountView } from '../../shared/api';
import { ErrorCode } from '../../shared/errors';
import {
  type AckResult,
  type ClientAckData,
  type ClientEventName,
  type ClientPayload,
  type ClientToServerEvents,
  clientEvents,
  type ServerToClientEvents,
} from '../../shared/protocol';
import { DomainError } from '../errors';

export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** What the server knows about a connection; filled at handshake (auth) and by feature modules. */
export interface SocketData {
  accountId: string | null;
  /** The signed-in person as of the handshake (a login or logout reconnects, so it stays current). */
  account: AccountView | null;
  connectionId: string;
}

/**
 * Registers a handler for one client event. The payload is parsed with the event's schema first; a bad payload,
 * a DomainError or an unexpected throw each become a coded acknowledgement, never a crash or silence.
 * Handlers return their ack data (or throw DomainError for expected refusals).
 */
export function onEvent<E extends ClientEventName>(
  socket: AppSocket,
  event: E,
  handler: (payload: ClientPayload<E>) => ClientAckData<E> | Promise<ClientAckData<E>>,
  log: { error: (obj: object, msg: string) => void },
): void {
  const spec = clientEvents[event];
  // Socket.IO's typed `on` cannot express the generic handler; the schema parse below is the real check.
  (socket.on as (ev: string, fn: (...args: unknown[]) => void) => void)(
    event,
    async (raw: unknown, maybeAck: unknown) => {
      const ack = typeof maybeAck === 'function' ? (maybeAck as (r: AckResult<ClientAckData<E>>) => void) : () => {};
      const parsed = spec.payload.safeParse(raw);
      if (!parsed.success) {
        ack({
          ok: false,
          error: {
            code: ErrorCode.INVALID_PAYLOAD,
            message: `Invalid ${event} payload`,
            issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          },
        });
        return;
      }
      try {
        const data = await handler(parsed.data as ClientPayload<E>);
        ack({ ok: true, data });
      } catch (err) {
        if (err instanceof DomainError) {
          ack({ ok: false, error: { code: err.code, message: err.message } });
          return;
        }
        log.error({ err, event }, 'socket handler failed');
        ack({ ok: false, error: { code: ErrorCode.INTERNAL, message: 'Something went wrong on our side.' } });
      }
    },
  );
}
