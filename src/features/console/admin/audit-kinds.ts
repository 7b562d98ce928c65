// The audit events the administrator's pages write. Actor { kind: 'staff', id } (an admin);
// subject { kind: 'staff', id } for the staff actions, with the reason and the before/after.
declare module '../../../platform/auth/audit.js' {
  interface AuditKinds {
    staff_disabled: true;
    staff_enabled: true;
    staff_role_changed: true;
    staff_mfa_reset: true;
    staff_setup_reissued: true;
    audit_log_viewed: true;
    audit_log_exported: true;
    /** Subject { kind: 'webhook', id: the webhook-id }. */
    webhook_resent: true;
  }
}

export {};
