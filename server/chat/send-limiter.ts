/**
 * A token bucket per person: a burst of `burst` messages, then `perSecond` sustained. In memory per process; with
 * several processes a person's allowance is per process they are connected to, which is close enough for chat.
 */
export class SendLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly burst = 10,
    private readonly perSecond = 2,
  ) {}

  /** Takes a token; false when the person must wait. */
  take(key: string, now = Date.now()): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    const ok = bucket.tokens >= 1;
    if (ok) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    // Forget full buckets now and then, so the map stays the size of the active senders.
    if (this.buckets.size > 10_000) {
      for (const [k, b] of this.buckets) if (now - b.at > 60_000) this.buckets.delete(k);
    }
    return ok;
  }
}
