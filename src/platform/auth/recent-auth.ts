/**
 * Step-up: a sensitive change needs its session to have proved its owner (a login, or the
 * password or a passkey entered again) within the last 10 minutes (decision 0022).
 */
export const RECENT_AUTH_MS = 10 * 60_000;

/** Whether a session authenticated at `authenticatedAt` (ISO time) is recent enough at `now`. */
export function recentlyAuthenticated(authenticatedAt: string, now: Date, windowMs: number = RECENT_AUTH_MS): boolean {
  const at = new Date(authenticatedAt).getTime();
  return Number.isFinite(at) && at <= now.getTime() && now.getTime() - at < windowMs;
}
