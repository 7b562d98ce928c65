import type { ImportProgress } from './service.js';

/** Where the progress goes: a terminal gets it, a pipe or file does not. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

const EVERY_MS = 250;
const number = (n: number): string => Math.round(n).toLocaleString('en-US');
const rate = (read: number, ms: number): string => `${number(ms > 0 ? (read * 1000) / ms : 0)} rows/s`;

/**
 * The import's progress on a terminal: one line rewritten with \r at most four times a second
 * (rows read, rows/s, rejected so far), then a summary line. Nothing when stderr is not a TTY.
 */
export function progressLine(stream: ProgressStream, now: () => number = () => performance.now()) {
  const started = now();
  let shownAt = -Infinity;
  const tty = stream.isTTY === true;
  return {
    update(progress: ImportProgress): void {
      const at = now();
      if (!tty || at - shownAt < EVERY_MS) return;
      shownAt = at;
      stream.write(`\rread ${number(progress.read)} rows (${rate(progress.read, at - started)}), rejected ${number(progress.rejected)}\x1b[K`);
    },
    finish(progress: ImportProgress): void {
      if (!tty) return;
      const ms = now() - started;
      stream.write(`\rread ${number(progress.read)} rows in ${(ms / 1000).toFixed(1)} s (${rate(progress.read, ms)}), rejected ${number(progress.rejected)}\x1b[K\n`);
    },
  };
}
