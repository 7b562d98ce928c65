// The audit events of the integration API's clients and calls. Actor { kind: 'api_client', id }
// (api_clients.id) for what a client does; an admin (staff) or the system (CLI) for the clients'
// own management; subject { kind: 'api_client', id }.
declare module '../../platform/auth/audit.js' {
  interface AuditKinds {
    api_client_created: true;
    api_client_revoked: true;
    api_token_issued: true;
    api_token_refused: true;
    api_request: true;
  }
}

export {};
