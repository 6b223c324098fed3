/**
 * Which avatar profiles one connection was sent, so a profile goes over the wire once per connection and later
 * only the avatar's id and pose: the server-side mirror of the client's ProfileCache (shared/profile-cache.ts), which
 * sees the same sends in the same order and so holds at least what this remembers.
 */
import { PROFILES_REMEMBERED_PER_CONNECTION } from '../../shared/profile-cache';
import { type AvatarRecord, shownKey } from './presence-roster';

export class ProfileMemory {
  /** Avatar id → `shownKey` of the version sent, least recently sent first (Map keeps insertion order). */
  private readonly sent = new Map<number, string>();

  /**
   * Notes that `record`'s profile is sent now (most recently sent last); returns whether this version had been sent
   * already (then only its id need be sent). Past PROFILES_REMEMBERED_PER_CONNECTION the oldest is forgotten, as the
   * client's cache forgets it.
   */
  remember(record: AvatarRecord, key = shownKey(record)): boolean {
    const sent = this.sent;
    const had = sent.get(record.id) === key;
    sent.delete(record.id);
    sent.set(record.id, key);
    if (sent.size > PROFILES_REMEMBERED_PER_CONNECTION) sent.delete(sent.keys().next().value!);
    return had;
  }
}
