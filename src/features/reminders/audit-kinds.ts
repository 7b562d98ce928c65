// The audit events this feature writes (see platform/auth/audit.ts).
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    /** A 満期案内 mail queued by the reminders job (actor SYSTEM; subject the policy). */
    renewal_reminder_queued: true;
  }
}

export {};
