import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/deps.js';
import { csrfToken } from '../../platform/http/csrf.js';
import type { StaffSession } from '../../platform/http/staff-session.js';
import { isStaffRole, ROLE_LABELS, type StaffRole } from './staff-rules.js';
import type { ConsolePageContext } from './views.js';

/** The signed-in staff member, as the console's pages and role checks see them. */
export interface ConsoleStaff {
  id: string;
  login: string;
  name: string;
  role: StaffRole;
  agencyCode: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    staffSession: StaffSession | null;
    staff: ConsoleStaff | null;
  }
}

export const asConsoleStaff = (row: { id: string; login: string; name: string; role: string; agency_code: string | null }): ConsoleStaff | null =>
  isStaffRole(row.role) ? { id: row.id, login: row.login, name: row.name, role: row.role, agencyCode: row.agency_code } : null;

export function consolePageContext(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): ConsolePageContext {
  const staff = request.staff ?? null;
  let token: string | undefined;
  return {
    siteName: `${deps.config.brand.name} 管理コンソール`,
    homeHref: '/console',
    get csrf() {
      token ??= csrfToken(deps, request, reply);
      return token;
    },
    user: staff ? { name: staff.name, detail: ROLE_LABELS[staff.role], signOutAction: '/console/logout', signOutLabel: 'ログアウト' } : null,
  };
}

/**
 * preHandler: a page for signed-in staff (of these roles, when given). Without a session, to
 * the login page; a role outside the page's answers 404, as a page that does not exist.
 */
export function requireStaff(...roles: StaffRole[]) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!request.staff) {
      await reply.redirect('/console/login', 303);
      return;
    }
    // Awaited: until the 404 page has gone out (its hooks write the access_denied audit), else
    // Fastify runs the swapped-in 404 handler a second time.
    if (roles.length && !roles.includes(request.staff.role)) await reply.callNotFound();
  };
}
