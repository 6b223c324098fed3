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
  /**
   * Listens; resolves once subscribed, so nothing published after it is missed. `onReconnect` runs each time a lost
   * connection to Redis is back: what was published or sent meanwhile may be lost.
   */
  listen(onMessage: (bytes: Buffer) => void, onReconnect: () => void): Promise<void>;
  close(): Promise<void>;
}

type AnyRedisClient = Pick<RedisClientType, 'publish' | 'subscribe' | 'unsubscribe' | 'on' | 'off'>;

export function redisPeerChannel(
  pub: AnyRedisClient,
  sub: AnyRedisClient,
  name: string,
  onError: (err: unknown) => void,
): PeerChannel {
  let listener: ((message: Buffer) => void) | null = null;
  let onReady: (() => void) | null = null;
  // 40 publishes a second fail together while Redis is away: the first failure is reported, not each one.
  let failing = false;
  return {
    publish(bytes) {
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      pub.publish(name, buffer).then(
        () => {
          failing = false;
        },
        (err) => {
          if (!failing) onError(err);
          failing = true;
        },
      );
    },
    async listen(onMessage, onReconnect) {
      listener = (message) => onMessage(message);
      // bufferMode: the message arrives as the bytes sent, not as a string.
      await sub.subscribe(name, listener, true);
      // Both clients are connected by now, so a later 'ready' is a reconnect (node-redis subscribes again itself).
      onReady = onReconnect;
      pub.on('ready', onReady);
      sub.on('ready', onReady);
    },
    async close() {
      if (onReady) {
        pub.off('ready', onReady);
        sub.off('ready', onReady);
      }
      if (listener) await sub.unsubscribe(name, listener, true).catch(onError);
      listener = null;
    },
  };
}
