/** What the benchmarks share for their command lines and their printed figures. */

/** The value after `--name` on the command line, or `fallback`. */
export function stringArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

/** The number after `--name` on the command line, or `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** `v` rounded to `digits` decimals, for the JSON a benchmark prints. */
export function round(v: number, digits: number): number {
  return Math.round(v * 10 ** digits) / 10 ** digits;
}
