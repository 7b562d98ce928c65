// The audit events this feature writes (see platform/auth/audit.ts).
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    registration_throttled: true;
    registration_started: true;
    registration_proofing_failed: true;
    registration_mail_suppressed: true;
    registration_mail_sent: true;
    registration_completed: true;
    registration_keyword_verified: true;
    reregistration_hold_started: true;
    reregistration_hold_replaced: true;
    reregistration_hold_refused: true;
    reregistration_hold_cancelled: true;
    reregistration_hold_applied: true;
  }
}

export {};
