/** The `p`th percentile (0–100) of ascending `sorted`: the value at rank ⌊p/100 · n⌋; NaN when there is none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
