import { describe, expect, it } from 'vitest';
import {
  createPoseBuffer,
  INTERPOLATION_DELAY_MS,
  MAX_EXTRA_PLAYOUT_MS,
  MAX_EXTRAPOLATION_MS,
  pushPose,
  samplePose,
  stepPlayoutDelay,
  targetPlayoutDelay,
  updateClockOffset,
} from '../../client/state/pose-interpolation';
import { FloodGuard, POSE_LIMITS } from '../../server/presence/flood-guard';
import { MovementClamp } from '../../server/presence/movement-clamp';
import {
  decodePeerPoses,
  decodePeerTick,
  encodePeerPoses,
  encodePeerTick,
  peerTickOwner,
} from '../../server/presence/peer-sync';
import {
  encodeTickSegments,
  PHASE_MS,
  type PoseSource,
  phaseOf,
  TICK_PHASES,
  ticksDue,
} from '../../server/presence/pose-segments';
import { GUEST_IDENTITY } from '../../server/presence/presence-identity';
import { rectLayout } from '../../server/presence/presence-layout';
import { type PeerTick, type PresenceOutbox, PresenceService } from '../../server/presence/presence-service';
import {
  POSE_BATCH_HEADER_BYTES,
  POSE_ENTRY_BYTES,
  POSE_ENTRY_BYTES_NO_HEADING,
  poseBatchTime,
  readPoseBatch,
  segmentHeaderBytes,
  writePoseBatchHeader,
  writePoseEntry,
  writeSegmentHeader,
} from '../../shared/pose-batch';
import {
  type AvatarInfo,
  headingByte,
  headingToYaw,
  parseWirePose,
  quantisePose,
  type ViewChanges,
} from '../../shared/presence';
import { cellOf, cellsAdjacent, neighbourCells, viewDelta } from '../../shared/presence-cells';
import { PROFILES_REMEMBERED_PER_CONNECTION, ProfileCache } from '../../shared/profile-cache';

const hall = { minX: -50, maxX: 50, minZ: -50, maxZ: 50 };

describe('pose quantisation and cells', () => {
  it('quantises to centimetres and a heading byte, and back within one step', () => {
    expect(quantisePose(1.234, -5.678, Math.PI)).toEqual([123, -568, 128]);
    expect(headingByte(-Math.PI / 2)).toBe(192);
    expect(Math.abs(headingToYaw(headingByte(1)) - 1)).toBeLessThan((2 * Math.PI) / 256);
  });

  it('accepts only three in-range integers as a wire pose', () => {
    expect(parseWirePose([1, -2, 255])).toEqual([1, -2, 255]);
    for (const bad of [null, 'x', {}, [1, 2], [1.5, 2, 3], [1, 2, 256], [40_000, 0, 0], ['1', 2, 3]]) {
      expect(parseWirePose(bad)).toBeNull();
    }
  });

  it('a view is the 3×3 cells around one; walking one cell east brings three in and takes three out', () => {
    const here = cellOf(400, 400);
    expect(neighbourCells(here)).toHaveLength(9);
    expect(cellsAdjacent(here, cellOf(-400, 1200))).toBe(true);
    expect(cellsAdjacent(here, cellOf(1700, 400))).toBe(false);
    const { entered, left } = viewDelta(here, cellOf(1200, 400));
    expect(entered).toHaveLength(3);
    expect(left).toHaveLength(3);
    expect(entered.every((c) => !cellsAdjacent(here, c))).toBe(true);
  });

  it('a pose batch round-trips: binary, 6 bytes an avatar, positions relative to each neighbour cell', () => {
    // Seen from the cell around (-1 m, -1 m): one avatar in that cell, two in the cell to its north-east,
    // at the extremes of the fields (largest id, a cell's far corner, every heading bit).
    const target = cellOf(-100, -100);
    const ne = cellOf(750, 799);
    const bytes = new Uint8Array(POSE_BATCH_HEADER_BYTES + 2 + 3 * POSE_ENTRY_BYTES);
    const view = new DataView(bytes.buffer);
    let o = 0;
    writePoseBatchHeader(view, o, 1_764_000_000_123, target);
    o += POSE_BATCH_HEADER_BYTES;
    o += writeSegmentHeader(view, o, target, target, 1);
    writePoseEntry(view, o, target, 0xfffff, -100, -1, 255);
    o += POSE_ENTRY_BYTES;
    o += writeSegmentHeader(view, o, target, ne, 2);
    writePoseEntry(view, o, ne, 1, 799, 799, 0);
    o += POSE_ENTRY_BYTES;
    writePoseEntry(view, o, ne, 77, 0, 3, 128);
    expect(o + POSE_ENTRY_BYTES).toBe(10 + 2 * 1 + 3 * 6);
    const out: number[][] = [];
    const tick = readPoseBatch(bytes, (...entry) => out.push(entry));
    expect(tick).toBe(1_764_000_000_123);
    expect(poseBatchTime(bytes.buffer)).toBe(tick);
    expect(out).toEqual([
      [0xfffff, -100, -1, 255],
      [1, 799, 799, 0],
      [77, 0, 3, 128],
    ]);
  });

  it('an entry whose heading did not change takes 5 bytes and reads back with heading -1', () => {
    const target = cellOf(0, 0);
    const bytes = new Uint8Array(POSE_BATCH_HEADER_BYTES + 2 + POSE_ENTRY_BYTES + 2 * POSE_ENTRY_BYTES_NO_HEADING);
    const view = new DataView(bytes.buffer);
    writePoseBatchHeader(view, 0, 7, target);
    let o = POSE_BATCH_HEADER_BYTES;
    o += writeSegmentHeader(view, o, target, target, 1, true);
    o += writePoseEntry(view, o, target, 5, 10, 799, 200);
    o += writeSegmentHeader(view, o, target, target, 2, false);
    o += writePoseEntry(view, o, target, 6, 799, 0, -1);
    o += writePoseEntry(view, o, target, 0xfffff, 0, 797, -1);
    expect(o).toBe(bytes.byteLength);
    const out: number[][] = [];
    readPoseBatch(bytes.buffer, (...e) => out.push(e));
    expect(out).toEqual([
      [5, 10, 799, 200],
      [6, 799, 0, -1],
      [0xfffff, 0, 797, -1],
    ]);
  });

  it('a truncated or empty batch yields what is whole and never throws', () => {
    expect(Number.isNaN(readPoseBatch(new Uint8Array(3), () => {}))).toBe(true);
    const target = cellOf(0, 0);
    const bytes = new Uint8Array(POSE_BATCH_HEADER_BYTES + 1 + POSE_ENTRY_BYTES);
    const view = new DataView(bytes.buffer);
    writePoseBatchHeader(view, 0, 5, target);
    writeSegmentHeader(view, POSE_BATCH_HEADER_BYTES, target, target, 2); // claims two entries, holds one
    writePoseEntry(view, POSE_BATCH_HEADER_BYTES + 1, target, 9, 10, 20, 30);
    const seen: number[] = [];
    expect(readPoseBatch(bytes, (id) => seen.push(id))).toBe(5);
    expect(seen).toEqual([]);
    expect(readPoseBatch(Buffer.from(bytes), (id) => seen.push(id))).toBe(5);
    expect(seen).toEqual([]);
  });

  it('a batch reads the same from its bytes, an ArrayBuffer (a browser) and a view into a larger Buffer (Node)', () => {
    const target = cellOf(1234, -5678);
    // Up to 6 entries take a one-byte segment header, 7 and more three bytes.
    for (const count of [1, 2, 3, 6, 7, 40]) {
      const head = segmentHeaderBytes(count);
      const bytes = new Uint8Array(POSE_BATCH_HEADER_BYTES + head + count * POSE_ENTRY_BYTES);
      const view = new DataView(bytes.buffer);
      writePoseBatchHeader(view, 0, 1_764_000_000_000 + count, target);
      expect(writeSegmentHeader(view, POSE_BATCH_HEADER_BYTES, target, target, count)).toBe(head);
      for (let i = 0; i < count; i++) {
        const o = POSE_BATCH_HEADER_BYTES + head + i * POSE_ENTRY_BYTES;
        writePoseEntry(view, o, target, 1000 + i, 800 + i, -5600 - i, (i * 37) & 255);
      }
      // Socket.IO in Node hands an attachment over as a slice of the frame it came in.
      const pool = Buffer.alloc(bytes.byteLength + 13);
      pool.set(bytes, 7);
      const slice = pool.subarray(7, 7 + bytes.byteLength);
      const fromBytes: number[][] = [];
      const fromBuffer: number[][] = [];
      const fromSlice: number[][] = [];
      expect(readPoseBatch(bytes, (...e) => fromBytes.push(e))).toBe(1_764_000_000_000 + count);
      expect(readPoseBatch(bytes.buffer, (...e) => fromBuffer.push(e))).toBe(1_764_000_000_000 + count);
      expect(readPoseBatch(slice, (...e) => fromSlice.push(e))).toBe(1_764_000_000_000 + count);
      expect(poseBatchTime(slice)).toBe(1_764_000_000_000 + count);
      expect(fromBuffer).toEqual(fromBytes);
      expect(fromSlice).toEqual(fromBytes);
      expect(fromSlice).toHaveLength(count);
    }
  });
});

describe('bad input on the server', () => {
  it('a pose outside the hall is clamped to its edge, a jump to walking speed', () => {
    const clamp = new MovementClamp(0, 0, 0);
    expect(clamp.move(100, 0, 100, hall)).toEqual({ x: 100, z: 0, clamped: false });
    const jump = clamp.move(20_000, 0, 200, hall);
    expect(jump.clamped).toBe(true);
    expect(jump.x).toBeLessThanOrEqual(100 + 300);
  });

  it('a client at 10 Hz passes; one flooding is slowed, then cut', () => {
    const steady = new FloodGuard(POSE_LIMITS, 0);
    for (let t = 0; t < 10_000; t += 100) expect(steady.hit(t)).toBe('ok');
    const flood = new FloodGuard(POSE_LIMITS, 0);
    const verdicts = Array.from({ length: 200 }, () => flood.hit(0));
    expect(verdicts.slice(0, POSE_LIMITS.burst).every((v) => v === 'ok')).toBe(true);
    expect(verdicts).toContain('drop');
    expect(verdicts.at(-1)).toBe('cut');
  });
});

describe('interpolation of remote avatars', () => {
  it('draws between the two poses around the render time, and turns the short way', () => {
    const buf = createPoseBuffer();
    pushPose(buf, 1000, 0, 0, 3.1);
    pushPose(buf, 1100, 1, 2, -3.1);
    const out = { x: 0, z: 0, yaw: 0 };
    samplePose(buf, 1050, out);
    expect(out.x).toBeCloseTo(0.5);
    expect(out.z).toBeCloseTo(1);
    expect(Math.abs(Math.cos(out.yaw) + 1)).toBeLessThan(0.01);
  });

  it('does not carry a jump (teleport) on past where it landed', () => {
    const buf = createPoseBuffer();
    pushPose(buf, 1000, 0, 0, 0);
    pushPose(buf, 1100, 5, 0, 0);
    const out = { x: 0, z: 0, yaw: 0 };
    samplePose(buf, 1250, out);
    expect(out.x).toBe(5);
  });

  it('extrapolates briefly past the newest pose, then holds', () => {
    const buf = createPoseBuffer();
    pushPose(buf, 1000, 0, 0, 0);
    pushPose(buf, 1100, 0.3, 0, 0); // walking, 3 m/s
    const out = { x: 0, z: 0, yaw: 0 };
    samplePose(buf, 1150, out);
    expect(out.x).toBeCloseTo(0.45);
    samplePose(buf, 5000, out);
    expect(out.x).toBeCloseTo(0.3 + (0.3 * MAX_EXTRAPOLATION_MS) / 100);
  });

  it('ignores a late packet older than the newest', () => {
    const buf = createPoseBuffer();
    pushPose(buf, 1100, 1, 0, 0);
    pushPose(buf, 1000, 9, 9, 0);
    expect(buf.count).toBe(1);
  });

  it('the playout delay grows at once to cover a late batch and shrinks back slowly once batches are on time', () => {
    let target = INTERPOLATION_DELAY_MS;
    for (let i = 0; i < 50; i++) target = targetPlayoutDelay(target, 5);
    expect(target).toBe(INTERPOLATION_DELAY_MS + 5);
    // A batch held ~450 ms behind a lost segment.
    target = targetPlayoutDelay(target, 450);
    expect(target).toBe(INTERPOLATION_DELAY_MS + 450);
    // Ten seconds of batches on time (ten a second): still covering most of it.
    for (let i = 0; i < 100; i++) target = targetPlayoutDelay(target, 0);
    expect(target).toBeGreaterThan(INTERPOLATION_DELAY_MS + 250);
    for (let i = 0; i < 2000; i++) target = targetPlayoutDelay(target, 0);
    expect(target).toBeLessThan(INTERPOLATION_DELAY_MS + 1);
    // Never beyond its ceiling, never below the base.
    expect(targetPlayoutDelay(target, 10_000)).toBe(INTERPOLATION_DELAY_MS + MAX_EXTRA_PLAYOUT_MS);
    expect(targetPlayoutDelay(INTERPOLATION_DELAY_MS, -40)).toBe(INTERPOLATION_DELAY_MS);
  });

  it('the delay in use moves towards its target without the drawn time going backwards', () => {
    let delay = INTERPOLATION_DELAY_MS;
    let drawn = -delay;
    for (let now = 16; now <= 2000; now += 16) {
      delay = stepPlayoutDelay(delay, INTERPOLATION_DELAY_MS + 450, 16);
      const next = now - delay;
      expect(next).toBeGreaterThanOrEqual(drawn);
      drawn = next;
    }
    expect(delay).toBe(INTERPOLATION_DELAY_MS + 450);
    // Shrinking: the drawn time runs at most 10% fast.
    const before = delay;
    delay = stepPlayoutDelay(delay, INTERPOLATION_DELAY_MS, 100);
    expect(before - delay).toBeCloseTo(10);
  });

  it('the clock offset follows a faster arrival at once and a slower one gently', () => {
    expect(updateClockOffset(null, 5000, 1000)).toBe(4000);
    expect(updateClockOffset(4000, 4900, 1000)).toBe(3900);
    expect(updateClockOffset(4000, 5000 + 250, 1000)).toBeCloseTo(4005);
    expect(INTERPOLATION_DELAY_MS).toBeGreaterThanOrEqual(100);
  });
});

describe('the presence tick', () => {
  /** A service with a recording outbox: pose batches by cell room, and what went to the other processes. */
  function serviceWith(multiProcess: boolean, serverId = 'one') {
    const batches = new Map<number, Uint8Array[]>();
    const changes = new Map<number, ViewChanges[]>();
    const peerTicks: PeerTick[] = [];
    const entered: { connId: string; payload: Parameters<PresenceOutbox['enter']>[1] }[] = [];
    const exited: { connId: string; ids: number[] }[] = [];
    const ignore = () => {};
    const outbox: PresenceOutbox = {
      enter: (connId, payload) => entered.push({ connId, payload }),
      exit: (connId, payload) => exited.push({ connId, ids: payload.ids }),
      poses: (cell, batch, viewChanges) => {
        batches.set(cell, [...(batches.get(cell) ?? []), batch]);
        if (viewChanges) changes.set(cell, [...(changes.get(cell) ?? []), viewChanges]);
      },
      moveConnection: ignore,
      error: ignore,
      disconnect: ignore,
      peers: (tick) => peerTicks.push(tick),
      summary: ignore,
    };
    const service = new PresenceService({ serverId, outbox, layout: rectLayout(hall), multiProcess });
    const profile = { displayName: 'A', country: 'JP', avatarColor: '#1FA39A', role: 'visitor' } as const;
    const join = (conn: string, x: number, z: number) => {
      service.connect(conn, 0);
      return service.join(conn, conn, profile, [x, z, 0], GUEST_IDENTITY, 0)!.selfId;
    };
    const decode = (batch: Uint8Array) => {
      const out: number[][] = [];
      const tick = readPoseBatch(batch, (...entry) => out.push(entry));
      return { tick, out };
    };
    /** A tick of every phase: every room's turn once. */
    const round = (now: number) => {
      for (let i = 0; i < TICK_PHASES; i++) service.tick(now);
    };
    return { service, batches, changes, peerTicks, entered, exited, join, decode, round };
  }

  it('each occupied cell gets one batch with the poses of its 3×3 view, positions exact', () => {
    const { batches, join, decode, round } = serviceWith(false);
    const a = join('a', 100, 100);
    const b = join('b', 900, -5); // the neighbour cell east (and south)
    const c = join('c', 3000, 3000); // far away
    round(1234);
    const aCell = cellOf(100, 100);
    expect(batches.get(aCell)).toHaveLength(1);
    const seen = decode(batches.get(aCell)![0]!);
    expect(seen.tick).toBe(1234);
    expect(seen.out.sort((p, q) => p[0]! - q[0]!)).toEqual(
      [
        [a, 100, 100, 0],
        [b, 900, -5, 0],
      ].sort((p, q) => p[0]! - q[0]!),
    );
    expect(decode(batches.get(cellOf(3000, 3000))![0]!).out).toEqual([[c, 3000, 3000, 0]]);
  });

  it('with other processes, a tick publishes its poses and a flush sends them merged with the peers’ in one batch', () => {
    const one = serviceWith(true);
    const two = serviceWith(true, 'two');
    const a = one.join('a', 100, 100);
    const b = two.join('b', 200, 100);
    // The roster changes of the joins travel in the first tick; each phase's poses with that phase's tick.
    for (let tick = 40; tick < 40 + TICK_PHASES; tick++) {
      const before = one.batches.size;
      one.service.tick(1000, tick);
      two.service.tick(1000, tick);
      // A tick only publishes; the flush sends, and only to the rooms of the tick's phase.
      expect(one.batches.size).toBe(before);
      const fromTwo = two.peerTicks.at(-1)!;
      expect(fromTwo.tick).toBe(tick);
      one.service.applyPeerTick(fromTwo.sync, fromTwo.tick, fromTwo.poses, 1001);
      one.service.flush(1008);
      expect([...one.batches.keys()].every((cell) => phaseOf(cell) <= tick % TICK_PHASES)).toBe(true);
    }
    const batches = one.batches.get(cellOf(100, 100))!;
    expect(batches).toHaveLength(1);
    expect(
      one
        .decode(batches[0]!)
        .out.map((e) => e[0])
        .sort(),
    ).toEqual([a, b].sort());
    expect(one.service.roster.get(b)?.owner).toBe('two');
  });

  it('a peer’s tick that comes after the flush of its tick goes out at once in its own batch; a round late, with its phase’s next flush', () => {
    const one = serviceWith(true);
    const two = serviceWith(true, 'two');
    one.join('a', 100, 100);
    const b = two.join('b', 200, 100);
    const cell = cellOf(100, 100);
    const tick = 40 + ((phaseOf(cell) - (40 % TICK_PHASES) + TICK_PHASES) % TICK_PHASES); // the tick of a's room
    // The rounds before: the joins' roster changes travel, each process's rooms get their first batches.
    for (let t = tick - TICK_PHASES; t < tick; t++) {
      one.service.tick(1000, t);
      two.service.tick(1000, t);
      one.service.applyPeerTick(two.peerTicks.at(-1)!.sync, t, two.peerTicks.at(-1)!.poses, 1000);
      one.service.flush(1000);
    }
    two.service.pose('b', [300, 100, 0], 1100);
    one.service.tick(1100, tick);
    two.service.tick(1100, tick);
    one.service.flush(1115); // waited PEER_WAIT_MS for two, which was late
    const before = one.batches.get(cell)!.length;
    const late = two.peerTicks.at(-1)!;
    expect(one.service.applyPeerTick(late.sync, late.tick, late.poses, 1120)).toBe(1);
    const batches = one.batches.get(cell)!;
    expect(batches).toHaveLength(before + 1);
    expect(one.decode(batches.at(-1)!).out).toEqual([[b, 300, 100, -1]]); // the heading held: left out
    // The same poses a whole round late (that process's clock is behind): they wait for their phase's next flush.
    for (let t = tick + 1; t <= tick + TICK_PHASES; t++) {
      one.service.tick(1200, t);
      one.service.flush(1200);
    }
    const count = one.batches.get(cell)!.length;
    expect(one.service.applyPeerTick([], late.tick, late.poses, 1300)).toBe(0);
    expect(one.batches.get(cell)).toHaveLength(count);
    one.service.tick(1310, tick + 2 * TICK_PHASES);
    one.service.flush(1310);
    expect(one.batches.get(cell)).toHaveLength(count + 1);
    expect(one.decode(one.batches.get(cell)!.at(-1)!).out).toContainEqual([b, 300, 100, -1]);
  });

  it('after a lost link, a process’s whole state replaces what the others had of it; a backlog’s poses are not replayed', () => {
    const one = serviceWith(true);
    const two = serviceWith(true, 'two');
    one.join('a', 100, 100);
    const b = two.join('b', 200, 100);
    const c = two.join('c', 210, 100);
    const ship = (t: number) => {
      two.service.tick(1000, t);
      const sent = two.peerTicks.at(-1)!;
      return one.service.applyPeerTick(sent.sync, sent.tick, sent.poses, 1000);
    };
    ship(40);
    expect(one.service.roster.get(b)?.owner).toBe('two');
    expect(one.service.roster.get(c)?.owner).toBe('two');
    // c leaves while the link is down: its `rm` never arrives. Back, two sends everything it carries.
    two.service.disconnected('c', 'left', 1000);
    two.peerTicks.length = 0;
    two.service.reannounce();
    two.service.tick(1000, 41);
    const again = two.peerTicks.at(-1)!;
    expect(again.sync.map((m) => m.t)).toEqual(['rm', 'up', 'owned']);
    one.service.applyPeerTick(again.sync.slice(1), again.tick, again.poses, 1000); // without the lost `rm`
    expect(one.service.roster.get(b)?.owner).toBe('two');
    expect(one.service.roster.get(c)).toBeUndefined();
    // A tick from more than a second ago (Redis delivering a backlog): its roster changes apply, its poses do not.
    // It is one of the phase of a's room, whose next flush would otherwise carry it.
    const cell = cellOf(100, 100);
    const staleTick = 44 + ((phaseOf(cell) - (44 % TICK_PHASES) + TICK_PHASES) % TICK_PHASES);
    const nowTick = staleTick + 15 * TICK_PHASES;
    for (let t = 42; t < nowTick; t++) {
      one.service.tick(1000, t);
      one.service.flush(1000);
    }
    two.service.pose('b', [220, 100, 0], 1100);
    two.service.tick(1100, staleTick);
    const stale = two.peerTicks.at(-1)!;
    one.service.applyPeerTick(stale.sync, stale.tick, stale.poses, 1100);
    one.service.tick(1100, nowTick);
    one.service.flush(1100);
    const seen = (one.batches.get(cell) ?? []).flatMap((batch) => one.decode(batch).out.map((e) => [e[0], e[1]]));
    expect(seen).toContainEqual([b, 200]);
    expect(seen).not.toContainEqual([b, 220]);
  });

  it('who comes into view travels with the room’s batch: in full once, then as a pose only; in full again after a change', () => {
    const { service, batches, changes, join, decode } = serviceWith(false);
    const profile = { displayName: 'B', country: 'JP', avatarColor: '#1FA39A', role: 'visitor' } as const;
    join('a', 100, 100);
    const b = join('b', 1700, 100); // two cells east of a: out of view
    const room = cellOf(100, 100);
    const jump = (x: number) => service.join('b', 'b', profile, [x, 100, 0], GUEST_IDENTITY, 0);
    let now = 1000;
    const tick = () => {
      batches.clear();
      changes.clear();
      now += 100;
      for (let i = 0; i < TICK_PHASES; i++) service.tick(now);
      return { changes: changes.get(room) ?? [], poses: (batches.get(room) ?? []).flatMap((x) => decode(x).out) };
    };
    tick();

    jump(900);
    const first = tick();
    expect(first.changes).toEqual([
      { avatars: [expect.objectContaining({ id: b, displayName: 'B', pose: [900, 100, 0] })] },
    ]);
    expect(first.poses).toContainEqual([b, 900, 100, 0]);
    jump(1700);
    expect(tick().changes).toEqual([{ exit: [b] }]);
    jump(850);
    const back = tick();
    expect(back.changes).toEqual([]);
    expect(back.poses).toContainEqual([b, 850, 100, 0]);

    service.setProfile('b', { ...profile, displayName: 'Bea' });
    expect(tick().changes).toEqual([{ avatars: [expect.objectContaining({ id: b, displayName: 'Bea' })] }]);
    // A new connection of a (a reload) has nothing yet: it gets B's profile in full with the join.
    service.connect('a2', 0);
    const again = service.join('a2', 'a', profile, [100, 100, 0], GUEST_IDENTITY, 0)!;
    expect(again.avatars.map((x) => x.displayName)).toEqual(['Bea']);
    expect(again.known).toBeUndefined();
  });

  it('rooms take turns by phase: a tick writes only to its phase’s rooms, and a change reaches every room once a round', () => {
    const { service, batches, join, decode, round } = serviceWith(false);
    // One visitor in each cell of a 2×2 block: one room of every phase, each seeing all four.
    const [a, b, c, d] = [join('a', 100, 100), join('b', 900, 100), join('c', 100, 900), join('d', 900, 900)];
    const rooms = [cellOf(100, 100), cellOf(900, 100), cellOf(100, 900), cellOf(900, 900)];
    expect(new Set(rooms.map(phaseOf)).size).toBe(TICK_PHASES);
    round(1000);
    service.pose('a', [150, 120, 77], 5000);
    batches.clear();
    for (let tick = 0; tick < TICK_PHASES; tick++) {
      const before = new Set(batches.keys());
      service.tick(5100, 1001 * TICK_PHASES + tick);
      const now = [...batches.keys()].filter((cell) => !before.has(cell));
      expect(now.map(phaseOf)).toEqual([tick]);
    }
    for (const room of rooms) {
      const sent = batches.get(room)!;
      expect(sent).toHaveLength(1);
      const entries = decode(sent[0]!).out;
      // The move and the new heading, once for each room; the others' entries only in a keyframe, without a change.
      expect(entries.filter((e) => e[0] === a)).toEqual([[a, 150, 120, 77]]);
      expect(entries.every((e) => [a, b, c, d].includes(e[0]!))).toBe(true);
    }
  });

  it('the tick timer runs each tick once: none when it fires early, every missed one when the loop was held', () => {
    const at = (tickNo: number, ms = 0) => tickNo * PHASE_MS + ms;
    expect(ticksDue(-1, at(100, 3))).toEqual([100]);
    expect(ticksDue(100, at(101))).toEqual([101]);
    expect(ticksDue(100, at(101) - 1)).toEqual([]); // fired a millisecond early: tick 100 again would be a duplicate
    expect(ticksDue(100, at(103, 7))).toEqual([101, 102, 103]); // held for two boundaries: their phases still tick
    expect(ticksDue(100, at(130))).toEqual([127, 128, 129, 130]); // held for long: one round, the newest
  });

  it('a visitor who crosses a cell is told at once what its old room had not been told yet', () => {
    const { service, entered, exited, join, round } = serviceWith(false);
    const profile = { displayName: 'Y', country: 'JP', avatarColor: '#1FA39A', role: 'visitor' } as const;
    join('a', 700, 100); // cell 0, near its east edge
    const y = join('y', -100, 100); // cell -1: in a's view
    round(1000);
    // Before the next tick, y walks out of a's view (to cell -2) and x appears in cell 1; then a steps into cell 1.
    service.join('y', 'y', profile, [-900, 100, 0], GUEST_IDENTITY, 1010);
    const x = join('x', 900, 100);
    entered.length = 0;
    exited.length = 0;
    service.pose('a', [850, 100, 0], 1050);
    // x stands in a cell a saw before and sees now (no enter from the crossing itself); y left unseen by a's room.
    expect(entered.filter((e) => e.connId === 'a').flatMap((e) => e.payload.avatars.map((v) => v.id))).toEqual([x]);
    expect(exited.filter((e) => e.connId === 'a').flatMap((e) => e.ids)).toEqual([y]);
  });
});

describe('poses between processes', () => {
  // Two cells, one walker whose heading changed (6-byte entry) and one whose heading held (5 bytes, heading left out).
  const walkers = (): Map<number, PoseSource[]> =>
    new Map([
      [cellOf(100, 100), [{ record: { id: 7 }, x: 100, z: 100, h: 12 }]],
      [cellOf(2000, 100), [{ record: { id: 9 }, x: 2000, z: 100, h: 40 }]],
    ]);
  const turned = (v: PoseSource) => v.record.id === 7;

  it('a process’s pose segments reach the other process as they were: cells, counts, headings and entries', () => {
    const segments = encodeTickSegments(walkers(), 2, turned);
    const received = decodePeerPoses(encodePeerPoses(segments));
    expect(received?.map((s) => ({ ...s, bytes: [...s.bytes] }))).toEqual(
      segments.map((s) => ({ ...s, bytes: [...s.bytes] })),
    );
    expect(received?.map((s) => [s.headings, s.bytes.byteLength])).toEqual([
      [true, 6],
      [false, 5],
    ]);
  });

  it('a truncated peer message is refused whole, not read in part', () => {
    const bytes = encodePeerPoses(encodeTickSegments(walkers(), 2, turned));
    expect(decodePeerPoses(bytes.subarray(0, bytes.byteLength - 1))).toBeNull();
    expect(decodePeerPoses(bytes.subarray(0, 3))).toBeNull();
    expect(decodePeerPoses(new Uint8Array(0))).toEqual([]);
  });

  it('a tick’s message carries its sender first, then the tick, roster changes and poses, and reads back whole', () => {
    const poses = encodePeerPoses(encodeTickSegments(walkers(), 2, turned));
    const owner = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
    const tickNo = Math.floor(Date.parse('2026-11-26T10:00:00Z') / 25);
    const sync = [{ t: 'hb' as const, owner }];
    const bytes = encodePeerTick(owner, { sync, tick: tickNo, poses });
    expect(peerTickOwner(bytes)).toBe(owner);
    const decoded = decodePeerTick(bytes);
    expect(decoded && { ...decoded, poses: [...decoded.poses] }).toEqual({
      owner,
      tick: tickNo,
      sync,
      poses: [...poses],
    });
    // Most ticks carry no roster change: no JSON at all.
    const quiet = encodePeerTick(owner, { sync: [], tick: tickNo, poses: new Uint8Array(0) });
    expect(quiet.byteLength).toBe(2 + owner.length + 8 + 4);
    expect(decodePeerTick(quiet)).toEqual({ owner, tick: tickNo, sync: [], poses: new Uint8Array(0) });
  });

  it('a malformed tick message is refused, not read in part', () => {
    const owner = 'one';
    const bytes = encodePeerTick(owner, { sync: [{ t: 'hb', owner }], tick: 7, poses: new Uint8Array(0) });
    expect(decodePeerTick(bytes.subarray(0, bytes.byteLength - 1))).toBeNull(); // JSON cut short
    expect(decodePeerTick(bytes.subarray(0, 8))).toBeNull(); // header cut short
    expect(peerTickOwner(new Uint8Array([2, 1, 65]))).toBeNull(); // another version
    const negative = encodePeerTick(owner, { sync: [], tick: -1, poses: new Uint8Array(0) });
    expect(decodePeerTick(negative)).toBeNull();
    const notAList = Buffer.concat([encodePeerTick(owner, { sync: [], tick: 7, poses: new Uint8Array(0) })]);
    notAList.writeUInt32LE(2, 2 + owner.length + 8);
    expect(decodePeerTick(Buffer.concat([notAList, Buffer.from('{}')]))).toBeNull();
  });
});

describe('the client profile cache', () => {
  const info = (id: number, displayName = `P${id}`): AvatarInfo => ({
    id,
    displayName,
    country: 'JP',
    avatarColor: '#1FA39A',
    role: 'visitor',
    boothId: null,
    staffOf: [],
    pose: [0, 0, 0],
  });

  it('completes known avatars with the profile last received, and reports the ids it lacks', () => {
    const cache = new ProfileCache();
    cache.remember([info(1), info(2, 'Old')]);
    cache.remember([info(2, 'New')]);
    const missing: number[] = [];
    const out = cache.complete(
      [
        [2, 10, 20, 30],
        [3, 0, 0, 0],
      ],
      missing,
    );
    expect(out).toEqual([{ ...info(2, 'New'), pose: [10, 20, 30] }]);
    expect(missing).toEqual([3]);
  });

  it('holds every profile the server still counts on: it forgets the least recently sent, and later than the server', () => {
    const cache = new ProfileCache();
    const server: number[] = []; // ids the server remembers, least recently sent first
    const send = (id: number) => {
      const i = server.indexOf(id);
      if (i >= 0) server.splice(i, 1);
      server.push(id);
      if (server.length > PROFILES_REMEMBERED_PER_CONNECTION) server.shift();
    };
    // Many more avatars than either remembers, some seen again and again.
    for (let n = 0; n < 20_000; n++) {
      const id = n % 3 === 0 ? 1 + (n % 97) : 1 + ((n * 7919) % 9000);
      const known = server.includes(id);
      send(id);
      if (known) {
        const missing: number[] = [];
        cache.complete([[id, 0, 0, 0]], missing);
        expect(missing).toEqual([]);
      } else cache.remember([info(id)]);
    }
    expect(cache.size).toBeLessThanOrEqual(PROFILES_REMEMBERED_PER_CONNECTION * 4);
  });
});
