/** What an API client may be allowed to do (DESIGN.md, "Integration API contract"). */
export const API_SCOPES = ['policies:write', 'policies:read', 'applications:read', 'change-requests:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const isApiScope = (value: string): value is ApiScope => (API_SCOPES as readonly string[]).includes(value);

/** `a,b` or `a b` → the scopes, or the unknown names. */
export function parseScopes(text: string): { ok: true; scopes: ApiScope[] } | { ok: false; unknown: string[] } {
  const names = [...new Set(text.split(/[\s,]+/).filter((name) => name !== ''))];
  const unknown = names.filter((name) => !isApiScope(name));
  if (unknown.length || !names.length) return { ok: false, unknown };
  return { ok: true, scopes: names.filter(isApiScope) };
}
