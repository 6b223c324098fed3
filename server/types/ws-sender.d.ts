/**
 * ws's frame builder, which @types/ws leaves out: public API of ws (exported beside WebSocket), and what Socket.IO's
 * adapter itself uses to build a room broadcast's frame once (see server/realtime/room-frames.ts).
 */
import 'ws';

declare module 'ws' {
  // biome-ignore lint/complexity/noStaticOnlyClass: declares ws's own class, of which only the static part is used here
  export class Sender {
    /** The frame's header and payload (one buffer when they fit together). */
    static frame(
      data: Buffer,
      options: { fin: boolean; opcode: number; mask: boolean; rsv1: boolean; readOnly: boolean },
    ): Buffer[];
  }
}
