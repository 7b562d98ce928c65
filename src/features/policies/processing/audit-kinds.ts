// The audit events of processing what customers filed (see platform/auth/audit.ts), whoever acts:
// staff in the console or the core system through the API. Subject: the change request (its id)
// or the renewal application (its 受付番号); detail: before and after.
declare module '../../../platform/auth/audit.js' {
  interface AuditKinds {
    change_request_processed: true;
    renewal_application_acknowledged: true;
  }
}

export {};
