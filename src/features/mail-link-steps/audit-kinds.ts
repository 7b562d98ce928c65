// The audit events this feature writes (see platform/auth/audit.ts).
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    keyword_throttled: true;
    keyword_failed: true;
    link_burned: true;
  }
}

export {};
