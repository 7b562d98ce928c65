/** Who acts: a customer, an insurer's or agency's staff member, the core system's API client, or the service itself (jobs). */
export type ActorKind = 'customer' | 'staff' | 'api_client' | 'system';

export interface Actor {
  kind: ActorKind;
  id: string;
}

export const customerActor = (id: string): Actor => ({ kind: 'customer', id });

/** The service's own work (imports from the command line, jobs). */
export const SYSTEM: Actor = { kind: 'system', id: 'keizoku' };
