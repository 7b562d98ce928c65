// The audit events the desk writes (see platform/auth/audit.ts). Actor { kind: 'staff', id };
// customerId the customer concerned; an action's detail carries its reason, before and after.
declare module '../../../platform/auth/audit.js' {
  interface AuditKinds {
    console_customers_searched: true;
    console_customer_viewed: true;
    console_customer_unlocked: true;
    console_customer_sessions_ended: true;
    console_customer_suspended: true;
    console_customer_resumed: true;
    console_mail_resent: true;
    console_customer_temporary_password_issued: true;
    /** The one showing of a 仮パスワード to the operator who issued it. */
    console_customer_temporary_password_shown: true;
  }
}

export {};
