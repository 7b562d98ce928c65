// The audit events of the console's 変更受付 pages (see platform/auth/audit.ts); the outcome itself
// is the processing domain's change_request_processed.
declare module '../../../platform/auth/audit.js' {
  interface AuditKinds {
    console_change_requests_listed: true;
    console_change_request_viewed: true;
  }
}

export {};
