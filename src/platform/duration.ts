const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses `48h`, `90m`, `2s`, `7d`, `500ms` into milliseconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const match = /^\s*(\d+)\s*(ms|s|m|h|d)\s*$/.exec(text);
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = match[2] as keyof typeof UNIT_MS;
  return amount > 0 ? amount * UNIT_MS[unit] : null;
}
