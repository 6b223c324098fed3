/**
 * The client's cache of avatar profiles, so that the server can send a profile once per connection and only ids and
 * poses after it.
 */
import type { AvatarInfo, KnownAvatar } from './presence';

/**
 * The client's side of "profiles are sent once per connection": every full AvatarInfo the server sends (enter, join
 * and who acknowledgements) is remembered, and a `known` entry is completed from it. The server forgets the least
 * recently sent profile first and remembers PROFILES_REMEMBERED_PER_CONNECTION; this cache sees the same sends in the
 * same order and holds four times as many, so (least-recently-used caches nest) it has every profile the server
 * counts on. An id it does not have anyway is returned as missing and asked for with `presence:who`.
 */
export class ProfileCache {
  private readonly profiles = new Map<number, Omit<AvatarInfo, 'pose'>>();

  constructor(private readonly capacity = PROFILES_REMEMBERED_PER_CONNECTION * 4) {}

  /** Remembers full profiles as they arrive. */
  remember(avatars: readonly AvatarInfo[]): void {
    for (const a of avatars) {
      const { pose: _pose, ...profile } = a;
      this.touch(a.id, profile);
    }
  }

  /** The `known` entries as AvatarInfo; ids this cache lacks go to `missing`. */
  complete(known: readonly KnownAvatar[], missing: number[]): AvatarInfo[] {
    const out: AvatarInfo[] = [];
    for (const [id, x, z, h] of known) {
      const profile = this.profiles.get(id);
      if (!profile) {
        missing.push(id);
        continue;
      }
      this.touch(id, profile);
      out.push({ ...profile, pose: [x, z, h] });
    }
    return out;
  }

  /** One avatar at a pose from a batch, if its profile is here (an avatar that came back into view). */
  at(id: number, x: number, z: number, h: number): AvatarInfo | null {
    const profile = this.profiles.get(id);
    if (!profile) return null;
    this.touch(id, profile);
    return { ...profile, pose: [x, z, h] };
  }

  get size(): number {
    return this.profiles.size;
  }

  private touch(id: number, profile: Omit<AvatarInfo, 'pose'>): void {
    this.profiles.delete(id);
    this.profiles.set(id, profile);
    if (this.profiles.size > this.capacity) this.profiles.delete(this.profiles.keys().next().value!);
  }
}

/** How many profiles the server remembers having sent to one connection. */
export const PROFILES_REMEMBERED_PER_CONNECTION = 512;
