// The audit events the console writes (see platform/auth/audit.ts). Actor { kind: 'staff', id }.
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    staff_created: true;
    staff_setup_password_chosen: true;
    staff_setup_completed: true;
    staff_setup_code_failed: true;
    staff_login_succeeded: true;
    staff_login_failed: true;
    staff_login_locked: true;
    staff_recovery_code_used: true;
    staff_logout: true;
    staff_sessions_ended_disabled: true;
  }
}

export {};
