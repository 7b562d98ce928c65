// The audit events this feature writes (see platform/auth/audit.ts).
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    login_succeeded: true;
    login_failed: true;
    login_locked: true;
    logout: true;
  }
}

export {};
