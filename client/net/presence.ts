/**
 * Presence over the tab's socket: joins (again after every reconnect, with the tab's visitorId so the avatar is
 * restored, not duplicated), sends the visitor's quantised pose at most 10 times a second and only when it changed,
 * and writes what the server sends into the presence store. Profiles are sent once per connection: avatars that come
 * back into view arrive as ids and poses and are completed from this link's ProfileCache.
 */
import { type PoseBatchData, poseBatchTime, readPoseBatch } from '../../shared/pose-batch';
import type { AvatarInfo, AvatarProfile, KnownAvatar, ViewChanges, WirePose } from '../../shared/presence';
import { MAX_POSE_HZ } from '../../shared/presence';
import { ProfileCache } from '../../shared/profile-cache';
import { usePresenceStore } from '../state/presence';
import type { RealtimeSocket } from './socket';

const VISITOR_ID_KEY = 'minato.visitorId';
/** Farther than anyone walks between two pose samples (10 Hz), in centimetres. */
const JUMP_CM = 150;

/** This tab's presence identity, kept in sessionStorage so a reload or reconnect keeps the same avatar. */
export function presenceVisitorId(): string {
  try {
    const existing = sessionStorage.getItem(VISITOR_ID_KEY);
    if (existing) return existing;
    const id = crypto.randomUUID();
    sessionStorage.setItem(VISITOR_ID_KEY, id);
    return id;
  } catch {
    return crypto.randomUUID();
  }
}

export interface PresenceLink {
  setProfile(profile: AvatarProfile): void;
  setBooth(boothId: string | null): void;
  stop(): void;
}

/**
 * Starts presence on `socket`. `currentPose` is read at 10 Hz (the hall's player controller supplies it already
 * quantised with quantisePose); only a changed pose is sent, as a volatile event.
 */
export function startPresence(
  socket: RealtimeSocket,
  initialProfile: AvatarProfile,
  currentPose: () => WirePose,
): PresenceLink {
  const store = usePresenceStore.getState();
  let profile = initialProfile;
  let boothId: string | null = null;
  let joined = false;
  let last: WirePose | null = null;
  const asking = new Set<number>();
  const profiles = new ProfileCache();
  /** Each avatar's last heading: batch entries leave it out while it does not change. */
  const headings = new Map<number, number>();
  /** Full profiles plus `known` ones completed from the cache; ids the cache lacks are asked for. */
  const arrived = (avatars: readonly AvatarInfo[], known: readonly KnownAvatar[] | undefined): AvatarInfo[] => {
    profiles.remember(avatars);
    for (const a of avatars) headings.set(a.id, a.pose[2]);
    for (const k of known ?? []) headings.set(k[0], k[3]);
    if (!known || known.length === 0) return avatars as AvatarInfo[];
    const missing: number[] = [];
    const all = [...avatars, ...profiles.complete(known, missing)];
    if (missing.length > 0) askWho(missing.filter((id) => !asking.has(id)));
    return all;
  };

  // The acknowledgement is handled in its callback, not after an `await`: a pose batch that arrived in the same read
  // is handled before a promise's continuation would run, and it must already know which id is this visitor's own.
  const join = () => {
    joined = false;
    const pose = currentPose();
    socket.timeout(10_000).emit('presence:join', { profile, pose }, (err, ack) => {
      if (err || !ack.ok) return;
      joined = true;
      last = pose;
      usePresenceStore.getState().joined(ack.data.selfId, arrived(ack.data.avatars, ack.data.known), performance.now());
      if (boothId) socket.emit('presence:booth', { boothId }, () => {});
    });
  };

  const onEnter = ({ avatars, known }: { avatars: AvatarInfo[]; known?: KnownAvatar[] }) =>
    usePresenceStore.getState().entered(arrived(avatars, known), performance.now());
  const exited = (ids: readonly number[]) => {
    for (const id of ids) headings.delete(id);
    usePresenceStore.getState().exited(ids);
  };
  const onExit = ({ ids }: { ids: number[] }) => exited(ids);
  // Decoding reuses one closure, one list and one scratch buffer: nothing per entry.
  let batchTick = 0;
  const unknown: number[] = [];
  /** Avatars in the batch that the store lacks, four numbers each: id, x, z, heading. */
  const onPose = (id: number, x: number, z: number, h: number) => {
    if (h < 0) h = headings.get(id) ?? 0;
    else headings.set(id, h);
    if (usePresenceStore.getState().pose(batchTick, id, x, z, h) && !asking.has(id)) unknown.push(id, x, z, h);
  };
  const onPoses = (payload: PoseBatchData | [PoseBatchData, ViewChanges]) => {
    const now = performance.now();
    let data: PoseBatchData;
    if (!Array.isArray(payload)) data = payload;
    else {
      const [batch, changes] = payload;
      data = batch;
      if (changes.avatars) usePresenceStore.getState().entered(arrived(changes.avatars, undefined), now);
      if (changes.exit) exited(changes.exit);
    }
    batchTick = poseBatchTime(data);
    if (Number.isNaN(batchTick)) return;
    usePresenceStore.getState().batchArrived(batchTick, now);
    unknown.length = 0;
    readPoseBatch(data, onPose);
    if (unknown.length === 0) return;
    // Poses of avatars not in the store: back in view with a profile this tab has (the server sent no enter for
    // them), or missed; the rest are asked for.
    const back: AvatarInfo[] = [];
    const missing: number[] = [];
    for (let i = 0; i < unknown.length; i += 4) {
      const a = profiles.at(unknown[i]!, unknown[i + 1]!, unknown[i + 2]!, unknown[i + 3]!);
      if (a) back.push(a);
      else missing.push(unknown[i]!);
    }
    if (back.length > 0) usePresenceStore.getState().entered(back, now);
    if (missing.length > 0) askWho(missing);
  };
  // Poses of an avatar whose enter we missed (it crossed into view on another process a moment ago): ask once.
  const askWho = (ids: number[]) => {
    if (ids.length === 0) return;
    for (const id of ids) asking.add(id);
    socket
      .timeout(5000)
      .emitWithAck('presence:who', { ids: ids.slice(0, 64) })
      .then((ack) => {
        if (ack.ok) usePresenceStore.getState().entered(arrived(ack.data.avatars, undefined), performance.now());
      })
      .catch(() => {})
      .finally(() => {
        for (const id of ids) asking.delete(id);
      });
  };
  const onSummary = (summary: Parameters<typeof store.setSummary>[0]) =>
    usePresenceStore.getState().setSummary(summary);
  const onConnect = () => join();
  const onDisconnect = () => {
    joined = false;
  };

  socket.on('presence:enter', onEnter);
  socket.on('presence:exit', onExit);
  socket.on('presence:poses', onPoses);
  socket.on('presence:summary', onSummary);
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  if (socket.connected) join();

  const timer = setInterval(() => {
    if (!joined) return;
    const pose = currentPose();
    if (last && pose[0] === last[0] && pose[1] === last[1] && pose[2] === last[2]) return;
    // A jump (go to a booth, teleport) is more than walking: the server would clamp it as a pose, so the visitor
    // enters again at the new place instead (the server allows that a few times a second).
    const jumped = last !== null && Math.hypot(pose[0] - last[0], pose[1] - last[1]) > JUMP_CM;
    last = pose;
    if (jumped) {
      join();
      return;
    }
    socket.volatile.emit('presence:pose', pose);
    usePresenceStore.getState().pruneOutside(pose[0], pose[1]);
  }, 1000 / MAX_POSE_HZ);

  return {
    setProfile(next) {
      profile = next;
      if (joined) socket.emit('presence:profile', next, () => {});
    },
    setBooth(next) {
      boothId = next;
      if (joined) socket.emit('presence:booth', { boothId: next }, () => {});
    },
    stop() {
      clearInterval(timer);
      socket.off('presence:enter', onEnter);
      socket.off('presence:exit', onExit);
      socket.off('presence:poses', onPoses);
      socket.off('presence:summary', onSummary);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      if (joined) socket.emit('presence:leave', {}, () => {});
      usePresenceStore.getState().reset();
    },
  };
}
