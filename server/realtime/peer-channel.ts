/**
 * A binary publish/subscribe channel between the processes sharing the hall, on the Redis connections the Socket.IO
 * adapter already holds. Presence sends its once-a-tick PeerTick here rather than through the adapter's
 * serverSideEmit, which sends JSON (the poses as base64) on a channel every process parses, its own messages
 * included. Here a message is raw bytes, and a process recognises its own echo by the sender id in the first bytes
 * (see peer-sync.ts) without decoding the rest.
 */
import type { RedisClientType } from 'redis';

export interface PeerChannel {
  /** Sends to every process on the channel, this one included (its listener drops its own messages). */
  publish(bytes: Uint8Array): void;
  /** Listens; resolves once subscribed, so nothing published after it is missed. */
  listen(onMessage: (bytes: Buffer) => void): Promise<void>;
  close(): Promise<void>;
}

type AnyRedisClient = Pick<RedisClientType, 'publish' | 'subscribe' | 'unsubscribe'>;

export function redisPeerChannel(
  pub: AnyRedisClient,
  sub: AnyRedisClient,
  name: string,
  onError: (err: unknown) => void,
): PeerChannel {
  let listener: ((message: Buffer) => void) | null = null;
  return {
    publish(bytes) {
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      pub.publish(name, buffer).catch(onError);
    },
    async listen(onMessage) {
      listener = (message) => onMessage(message);
      // bufferMode: the message arrives as the bytes sent, not as a string.
      await sub.subscribe(name, listener, true);
    },
    async close() {
      if (listener) await sub.unsubscribe(name, listener, true).catch(onError);
      listener = null;
    },
  };
}
