// The audit events this feature writes (see platform/auth/audit.ts).
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    login_succeeded: true;
    login_failed: true;
    login_locked: true;
    logout: true;
    /** The right 仮パスワード after its 72 hours: refused. */
    login_temporary_password_expired: true;
  }
}

export {};
