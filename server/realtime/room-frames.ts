/**
 * A room broadcast written as one WebSocket frame, built once for the room and written as is to each socket's TCP
 * connection. Presence's room messages (the tick's pose batches, the head counts) are nearly all of the server's
 * writes: one per visitor ten times a second. Through `io.to(room).emit` each of them also walks Socket.IO's,
 * Engine.IO's and ws's per-socket path (a packet object, the engine's write buffer and flush, the frame's header and
 * body as two writes corked into one, a drain callback on the next tick); written straight, it costs one `write`.
 *
 * The bytes on the wire are the ones Socket.IO would send: the packet as Socket.IO's own encoder makes it (for a
 * payload with binary, a text frame `451-[…placeholder…]` and a binary frame per attachment), so the client cannot
 * tell the difference. Socket.IO frames a text room broadcast once for the room but an attachment again for every
 * socket; here all of a message's frames are built once and go out in one write. A socket takes this path
 * only while nothing of Socket.IO's is waiting to go out on it, so nothing is reordered: its transport is an open
 * WebSocket that Engine.IO may write to (no flush in flight, an empty write buffer) and ws has nothing queued.
 * Otherwise, and when its TCP connection has a backlog, a volatile message is skipped, as Socket.IO skips one for a
 * busy transport (the client is behind; the next batch supersedes it); a reliable one goes through Socket.IO, behind
 * what waits there. Any other socket (long-polling, or internals this module does not recognise after an upgrade of
 * Socket.IO) gets the ordinary emit; a test checks that the direct path is the one taken, so an upgrade that changes
 * the internals fails a test rather than quietly costing CPU.
 *
 * What this path leaves out is connection state recovery's copy of a reliable message (kept to replay it after a
 * reconnect): only for messages that are worthless after one. The presence client joins again on every reconnect
 * and gets the state as it is then.
 */
import type { Socket as NetSocket } from 'node:net';
import type { Server, Socket } from 'socket.io';
import { Sender } from 'ws';

/** socket.io-parser's PacketType.EVENT: the packet type of an emit (the encoder makes it BINARY_EVENT for binary). */
const EVENT_PACKET = 2;

/** What this module reads of Engine.IO's and ws's internals (checked at run time: all optional). */
interface EngineInternals {
  readyState?: string;
  writeBuffer?: unknown[];
  transport?: {
    name?: string;
    writable?: boolean;
    socket?: {
      readyState?: number;
      _socket?: NetSocket;
      _sender?: { _queue?: unknown[] };
    };
  };
}

/** ws's readyState for an open connection. */
const WS_OPEN = 1;

/** How a room's message went out: sockets written directly, skipped (busy, volatile), or sent through Socket.IO. */
export interface RoomFrameStats {
  direct: number;
  skipped: number;
  fallback: number;
}

/**
 * The TCP connection to write a frame to directly; 'queued' when something of Socket.IO's waits to go out on it (a
 * volatile message is skipped, a reliable one queued behind it); null when it must take Socket.IO's path.
 */
function directTarget(socket: Socket): NetSocket | 'queued' | null {
  const engine = socket.conn as unknown as EngineInternals;
  const transport = engine.transport;
  if (engine.readyState !== 'open' || transport?.name !== 'websocket') return null;
  const ws = transport.socket;
  const tcp = ws?._socket;
  const queue = ws?._sender?._queue;
  if (!ws || !tcp || !Array.isArray(queue) || !Array.isArray(engine.writeBuffer)) return null;
  if (ws.readyState !== WS_OPEN || tcp.destroyed) return null;
  // Engine.IO is mid-write (its callback has not run) or has packets waiting: Socket.IO drops a volatile packet then.
  if (transport.writable !== true || engine.writeBuffer.length > 0 || queue.length > 0) return 'queued';
  return tcp;
}

/**
 * Sends `event` with `payload` (JSON, which may hold binary as Buffers or typed arrays) to this process's sockets in
 * `room`; `volatile`: a socket that is busy is skipped. See the module's comment for what the direct path leaves out.
 */
export function emitToRoom(
  io: Server,
  room: string,
  event: string,
  payload: unknown,
  volatile: boolean,
): RoomFrameStats {
  const stats: RoomFrameStats = { direct: 0, skipped: 0, fallback: 0 };
  const ids = io.sockets.adapter.rooms.get(room);
  if (!ids || ids.size === 0) return stats;
  let frame: Buffer | null = null;
  const others: string[] = [];
  for (const id of ids) {
    const socket = io.sockets.sockets.get(id);
    if (!socket) continue;
    const target = directTarget(socket);
    if (target === null || (target === 'queued' && !volatile)) {
      others.push(id);
    } else if (target === 'queued' || (volatile && target.writableLength > 0)) {
      // Busy, or bytes the kernel did not take yet (the client is behind): a volatile message is dropped.
      stats.skipped++;
    } else {
      frame ??= messageFrames(io, event, payload);
      target.write(frame);
      stats.direct++;
    }
  }
  if (others.length > 0) {
    const to = io.local.to(others);
    (volatile ? to.volatile : to).emit(event, payload);
    stats.fallback = others.length;
  }
  return stats;
}

/**
 * The WebSocket frames of one Socket.IO event on the main namespace, in one buffer: each text part of the encoded
 * packet as a text frame with Engine.IO's message type '4' before it, each binary part (an attachment) as a binary
 * frame as is (Engine.IO v4 over WebSocket adds nothing to binary).
 */
function messageFrames(io: Server, event: string, payload: unknown): Buffer {
  const parts: (string | Uint8Array)[] = io.encoder.encode({ type: EVENT_PACKET, nsp: '/', data: [event, payload] });
  const frames: Buffer[] = [];
  for (const part of parts) {
    const text = typeof part === 'string';
    const data = text ? Buffer.from(`4${part}`) : Buffer.from(part.buffer, part.byteOffset, part.byteLength);
    for (const f of Sender.frame(data, { fin: true, opcode: text ? 1 : 2, mask: false, rsv1: false, readOnly: false }))
      frames.push(f);
  }
  return frames.length === 1 ? frames[0]! : Buffer.concat(frames);
}
