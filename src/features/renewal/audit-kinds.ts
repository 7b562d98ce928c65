// The audit events this feature writes (see platform/auth/audit.ts).
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    renewal_started: true;
    renewal_not_possible: true;
    renewal_applied: true;
  }
}

export {};
