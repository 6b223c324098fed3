/**
 * Flood control for one connection: a token bucket that slows (drops) what comes faster than allowed, and an
 * excess counter that cuts the connection when a client keeps flooding. Malformed payloads count as strikes.
 * Pure: the caller passes the time, so tests need no clock tricks.
 */
export interface FloodLimits {
  /** Sustained events per second allowed. */
  ratePerSec: number;
  /** Events allowed at once (network jitter bunches packets). */
  burst: number;
  /** Dropped events (decaying at half the rate per second) after which the connection is cut. */
  cutAfterExcess: number;
  /** Malformed payloads (decaying one per second) after which the connection is cut. */
  cutAfterStrikes: number;
}

export type FloodVerdict = 'ok' | 'drop' | 'cut';

export class FloodGuard {
  private tokens: number;
  private excess = 0;
  private strikes = 0;
  private last: number;
  private lastStrike: number;

  constructor(
    private readonly limits: FloodLimits,
    now: number,
  ) {
    this.tokens = limits.burst;
    this.last = now;
    this.lastStrike = now;
  }

  /** Counts one event: `ok` to handle it, `drop` to ignore it (slowed), `cut` to disconnect. */
  hit(now: number): FloodVerdict {
    const dt = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.limits.burst, this.tokens + dt * this.limits.ratePerSec);
    this.excess = Math.max(0, this.excess - (dt * this.limits.ratePerSec) / 2);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 'ok';
    }
    this.excess += 1;
    return this.excess > this.limits.cutAfterExcess ? 'cut' : 'drop';
  }

  /** Counts one malformed payload: `drop` (answer with an error) or `cut`. */
  strike(now: number): Exclude<FloodVerdict, 'ok'> {
    this.strikes = Math.max(0, this.strikes - Math.max(0, now - this.lastStrike) / 1000);
    this.lastStrike = now;
    this.strikes += 1;
    return this.strikes > this.limits.cutAfterStrikes ? 'cut' : 'drop';
  }
}

/** Poses: 10 Hz with room for jitter; a client at 3× the rate is cut within a few seconds. */
export const POSE_LIMITS: FloodLimits = { ratePerSec: 12, burst: 24, cutAfterExcess: 60, cutAfterStrikes: 20 };
/** Acknowledged presence events (join, profile, booth, who): a human pace. */
export const PRESENCE_EVENT_LIMITS: FloodLimits = { ratePerSec: 5, burst: 20, cutAfterExcess: 40, cutAfterStrikes: 20 };
