/**
 * Smooth remote avatars: each keeps a short buffer of poses stamped with the server tick time and is drawn a playout
 * delay in the past (INTERPOLATION_DELAY_MS, more on a link that delivers late), between two known poses; past the
 * newest it extrapolates briefly, then holds.
 * Pure and allocation-free per frame, so the scene can call `samplePose` inside useFrame.
 */
export const INTERPOLATION_DELAY_MS = 120;
export const MAX_EXTRAPOLATION_MS = 150;
/** Faster than anyone walks (m/s): a jump (teleport, "go to booth") that must not be carried on past its end. */
export const MAX_EXTRAPOLATED_SPEED = 4;
export const POSE_BUFFER_CAPACITY = 16;
const CAPACITY = POSE_BUFFER_CAPACITY;

export interface PoseBuffer {
  t: Float64Array;
  x: Float32Array;
  z: Float32Array;
  yaw: Float32Array;
  /** Number of samples held (≤ CAPACITY); the newest is at `(head - 1) mod CAPACITY`. */
  count: number;
  head: number;
}

export function createPoseBuffer(): PoseBuffer {
  return {
    t: new Float64Array(CAPACITY),
    x: new Float32Array(CAPACITY),
    z: new Float32Array(CAPACITY),
    yaw: new Float32Array(CAPACITY),
    count: 0,
    head: 0,
  };
}

/** Adds a pose at server time `t` (ms). Older-or-equal times than the newest are ignored (late volatile packets). */
export function pushPose(buf: PoseBuffer, t: number, x: number, z: number, yaw: number): void {
  if (buf.count > 0 && t <= buf.t[(buf.head + CAPACITY - 1) % CAPACITY]!) return;
  buf.t[buf.head] = t;
  buf.x[buf.head] = x;
  buf.z[buf.head] = z;
  buf.yaw[buf.head] = yaw;
  buf.head = (buf.head + 1) % CAPACITY;
  buf.count = Math.min(CAPACITY, buf.count + 1);
}

export interface SampledPose {
  x: number;
  z: number;
  yaw: number;
}

/** Writes the pose at server time `t` into `out`; returns false when the buffer is empty. */
export function samplePose(buf: PoseBuffer, t: number, out: SampledPose): boolean {
  if (buf.count === 0) return false;
  const at = (k: number) => (buf.head - 1 - k + CAPACITY * 2) % CAPACITY; // k = 0 is the newest
  const newest = at(0);
  if (buf.count === 1 || t >= buf.t[newest]!) {
    // Past the newest: continue along the last segment for a short while, then hold.
    if (buf.count === 1) return write(out, buf.x[newest]!, buf.z[newest]!, buf.yaw[newest]!);
    const prev = at(1);
    const span = buf.t[newest]! - buf.t[prev]!;
    const ahead = Math.min(t - buf.t[newest]!, MAX_EXTRAPOLATION_MS);
    const step = Math.hypot(buf.x[newest]! - buf.x[prev]!, buf.z[newest]! - buf.z[prev]!);
    const walking = span > 0 && (step / span) * 1000 <= MAX_EXTRAPOLATED_SPEED;
    const k = walking ? ahead / span : 0;
    return write(
      out,
      buf.x[newest]! + (buf.x[newest]! - buf.x[prev]!) * k,
      buf.z[newest]! + (buf.z[newest]! - buf.z[prev]!) * k,
      buf.yaw[newest]!,
    );
  }
  for (let k = 1; k < buf.count; k++) {
    const older = at(k);
    if (buf.t[older]! <= t) {
      const newer = at(k - 1);
      const f = (t - buf.t[older]!) / (buf.t[newer]! - buf.t[older]!);
      return write(
        out,
        buf.x[older]! + (buf.x[newer]! - buf.x[older]!) * f,
        buf.z[older]! + (buf.z[newer]! - buf.z[older]!) * f,
        lerpAngle(buf.yaw[older]!, buf.yaw[newer]!, f),
      );
    }
  }
  const oldest = at(buf.count - 1);
  return write(out, buf.x[oldest]!, buf.z[oldest]!, buf.yaw[oldest]!);
}

/** Interpolates angles the short way round. */
export function lerpAngle(a: number, b: number, f: number): number {
  let d = (b - a) % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d < -Math.PI) d += 2 * Math.PI;
  return a + d * f;
}

/** The most the playout delay grows beyond INTERPOLATION_DELAY_MS to ride out late batches. */
export const MAX_EXTRA_PLAYOUT_MS = 600;

/**
 * How far in the past remote avatars are drawn, as a jitter buffer does it. Over TCP a lost segment holds every batch
 * behind it for a retransmission timeout (~450 ms at 250 ms RTT), longer than interpolation and a short extrapolation
 * can bridge: the avatar stops, then jumps. So the delay grows at once to cover the lateness a batch arrived with
 * (beyond the fastest arrivals the clock offset follows) and shrinks back slowly once batches come on time again
 * (half of the excess in about 14 s at ten batches a second): on a link that loses a segment every few seconds it
 * stays up, on a clean one it is the base delay. `target` is what the arrivals ask for; `stepPlayoutDelay` moves the
 * delay in use towards it.
 */
export function targetPlayoutDelay(currentTarget: number, latenessMs: number): number {
  const wanted = INTERPOLATION_DELAY_MS + Math.min(Math.max(latenessMs, 0), MAX_EXTRA_PLAYOUT_MS);
  if (wanted >= currentTarget) return wanted;
  return currentTarget + (wanted - currentTarget) * 0.005;
}

/**
 * The delay in use after `dtMs` of local time, moved towards `target` without the drawn clock going backwards or
 * racing: it grows at half the speed of time (avatars slow to half speed while it does) and shrinks at a tenth (they
 * hurry by 10%, which nobody notices).
 */
export function stepPlayoutDelay(delay: number, target: number, dtMs: number): number {
  if (target > delay) return Math.min(target, delay + dtMs * 0.5);
  return Math.max(target, delay - dtMs * 0.1);
}

/**
 * Estimates local time minus server time from batch arrivals: follows a faster arrival at once and a slower one
 * gently, so network jitter does not shake the avatars.
 */
export function updateClockOffset(current: number | null, localArrival: number, serverTick: number): number {
  const sample = localArrival - serverTick;
  if (current === null || sample < current) return sample;
  return current + (sample - current) * 0.02;
}

function write(out: SampledPose, x: number, z: number, yaw: number): true {
  out.x = x;
  out.z = z;
  out.yaw = yaw;
  return true;
}
