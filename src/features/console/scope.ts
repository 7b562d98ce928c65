import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.js';
import { ALL_AGENCIES, type AgencyScope } from '../policies/processing/scope.js';
import type { ConsoleStaff } from './http.js';

/** An agency's staff see their agency's rows only (none at all without an agency); the insurer's staff see all. */
export const scopeOf = (staff: ConsoleStaff): AgencyScope => (staff.role === 'agency' ? { agencyCode: staff.agencyCode ?? '\u0000none' } : ALL_AGENCIES);

export const mayProcess = (staff: ConsoleStaff): boolean => staff.role === 'desk' || staff.role === 'admin';

/** The signed-in staff member of a page behind requireStaff, as an actor. */
export const staffActorOf = (request: FastifyRequest): Actor => ({ kind: 'staff', id: request.staff!.id });
