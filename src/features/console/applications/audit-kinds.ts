// The audit events of the console's 継続申込 pages (see platform/auth/audit.ts); 取込済 itself is the
// processing domain's renewal_application_acknowledged.
declare module '../../../platform/auth/audit.js' {
  interface AuditKinds {
    console_renewal_applications_listed: true;
    console_renewal_application_viewed: true;
    console_renewal_application_pdf_downloaded: true;
  }
}

export {};
