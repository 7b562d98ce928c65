import type { ReadyStaff } from '../../features/console/staff-service.js';

/**
 * The demo's console credentials, fixed and printed in the banner so a person can log in with
 * an authenticator app. Demo only: real accounts get a random secret through the setup URL.
 */
export const DEMO_STAFF_PASSWORD = 'DemoConsole2026!';
export const DEMO_TOTP_SECRET = 'KEIZOKUDEMOCONSOLESECRET234567AB';

export function demoStaff(agencies: ReadonlyArray<{ code: string; name: string }>): ReadyStaff[] {
  const fixed = { password: DEMO_STAFF_PASSWORD, totpSecret: DEMO_TOTP_SECRET };
  return [
    { login: 'demo-admin', name: 'デモ 管理者', role: 'admin', agencyCode: null, ...fixed },
    { login: 'demo-desk', name: 'デモ インターネットデスク', role: 'desk', agencyCode: null, ...fixed },
    ...agencies.map((a) => ({ login: `demo-${a.code.toLowerCase()}`, name: `${a.name} 担当`, role: 'agency' as const, agencyCode: a.code, ...fixed })),
  ];
}
