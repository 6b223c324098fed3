/**
 * The hall's side of presence: joins with the visitor's profile and pose (read from the player at 10 Hz, never
 * through React), tells the server which booth the visitor is at, feeds the booth lamps from the staff counts,
 * and turns the presence store's pose buffers into the avatar frame the scene draws.
 */
import { useEffect, useMemo } from 'react';
import type { AvatarProfile } from '../../shared/presence';
import { quantisePose } from '../../shared/presence';
import { guessCountry } from '../chat/countries';
import { presenceVisitorId, startPresence } from '../net/presence';
import { onRealtimeSocket } from '../net/socket';
import { type SampledPose, samplePose } from '../state/pose-interpolation';
import { usePresenceStore } from '../state/presence';
import { useSessionStore } from '../state/session';
import { type AvatarFrame, createAvatarFrame } from './avatarSource';
import type { HallRuntime } from './HallRuntime';
import { useHallStore } from './hallStore';

const PALETTE = ['#1FA39A', '#FF6B5A', '#4C86C6', '#B0709E', '#AD7E28', '#3F9262', '#8A7FD4', '#2E6FB7'];

/** A colour that stays the same for a visitor across reloads (from their id). */
function colourFor(id: string): string {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) | 0;
  return PALETTE[Math.abs(h) % PALETTE.length]!;
}

function profileOf(account: ReturnType<typeof useSessionStore.getState>['account'], guestName: string): AvatarProfile {
  return {
    displayName: (account?.displayName ?? guestName).slice(0, 40),
    country: account?.country ?? guessCountry(),
    avatarColor: colourFor(account?.id ?? presenceVisitorId()),
    role: account?.role ?? 'visitor',
  };
}

/** Joins presence while the hall is open; returns the live avatar source for the scene. */
export function usePresence(runtime: HallRuntime, guestName: string, capacity: number): () => AvatarFrame | null {
  const account = useSessionStore((s) => s.account);
  const openBoothId = useHallStore((s) => s.openBoothId);
  const frame = useMemo(() => createAvatarFrame(capacity), [capacity]);

  const link = useMemo(() => {
    let current: ReturnType<typeof startPresence> | null = null;
    return {
      start(profile: AvatarProfile) {
        return onRealtimeSocket((socket) => {
          current?.stop();
          current = startPresence(socket, profile, () =>
            quantisePose(runtime.player.x, runtime.player.z, runtime.player.yaw),
          );
        });
      },
      get: () => current,
      stop() {
        current?.stop();
        current = null;
      },
    };
  }, [runtime]);

  useEffect(() => {
    const unsubscribe = link.start(profileOf(useSessionStore.getState().account, guestName));
    return () => {
      unsubscribe();
      link.stop();
    };
  }, [link, guestName]);

  useEffect(() => {
    link.get()?.setProfile(profileOf(account, guestName));
  }, [link, account, guestName]);

  useEffect(() => {
    link.get()?.setBooth(openBoothId);
  }, [link, openBoothId]);

  // Booth lamps: a booth's staff count from the presence summary.
  useEffect(
    () =>
      usePresenceStore.subscribe((state, prev) => {
        if (state.summary === prev.summary || !state.summary) return;
        const staffOnline: Record<string, boolean> = {};
        for (const [boothId, [, staff]] of Object.entries(state.summary.booths)) staffOnline[boothId] = staff > 0;
        useHallStore.setState({ staffOnline });
      }),
    [],
  );

  return useMemo(() => {
    const sampled: SampledPose = { x: 0, z: 0, yaw: 0 };
    let avatarsSeen: unknown = null;
    const order: number[] = [];
    // Which avatar each slot of the frame holds, so labels are rewritten only when a slot changes hands.
    const slotIds = new Int32Array(frame.x.length);
    return () => {
      const state = usePresenceStore.getState();
      if (state.poses.size === 0) return null;
      const t = state.renderTime(performance.now());
      // Names and colours change only when someone enters or leaves: repaint them then, not every frame.
      const relabel = state.avatars !== avatarsSeen;
      if (relabel) {
        avatarsSeen = state.avatars;
        order.length = 0;
        for (const id of state.poses.keys()) if (state.avatars.has(id)) order.push(id);
      }
      let n = 0;
      let labelsChanged = relabel;
      for (const id of order) {
        if (n >= frame.x.length) break;
        const buf = state.poses.get(id);
        if (!buf || !samplePose(buf, t, sampled)) continue;
        frame.x[n] = sampled.x;
        frame.z[n] = sampled.z;
        frame.yaw[n] = sampled.yaw;
        if (relabel || slotIds[n] !== id) {
          const info = state.avatars.get(id)!;
          slotIds[n] = id;
          frame.color[n] = Number.parseInt(info.avatarColor.slice(1), 16);
          frame.names[n] = info.displayName;
          frame.countries[n] = info.country;
          labelsChanged = true;
        }
        n++;
      }
      if (frame.count !== n) labelsChanged = true;
      frame.count = n;
      if (labelsChanged) frame.version++;
      return frame;
    };
  }, [frame]);
}
