import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { recordAudit } from '../../platform/auth/audit.js';
import { sealText, unsealText } from '../../platform/crypto.js';
import type { AppDeps, FeatureOptions } from '../../platform/deps.js';
import { cookieName, cookieOptions } from '../../platform/http/cookies.js';
import { endStaffSession, startStaffSession } from '../../platform/http/staff-session.js';
import { sendPage } from '../../platform/ui/render.js';
import { ADMIN_MENU } from './admin/menu.js';
import { EXPIRY_MENU, NEWS_MENU } from './agency/menu.js';
import { DESK_MENU } from './desk/menu.js';
import { consolePageContext, requireStaff } from './http.js';
import { checkStaffCode, checkStaffPassword } from './login-service.js';
import { countUnusedRecoveryCodes } from './repository.js';
import { choosePassword, confirmTotp, openSetup } from './setup-service.js';
import { ROLE_LABELS } from './staff-rules.js';
import { groupedSecret, totpUri } from './totp.js';
import { ConsoleCodePage, ConsoleHomePage, ConsoleLoggedOutPage, ConsoleLoginPage, SetupDonePage, SetupGonePage, SetupPasswordPage, SetupTotpPage } from './views.js';
import './audit-kinds.js';

// The browser's place in two short steps: the setup link it opened (its raw token) and a login
// whose password was right (the account, sealed with the time, for the code page).
const setupCookie = (deps: AppDeps) => cookieName(deps.config, 'keizoku_staff_setup');
const pendingCookie = (deps: AppDeps) => cookieName(deps.config, 'keizoku_staff_pending');
const PENDING_PURPOSE = 'staff-login-pending';
const PENDING_MS = 5 * 60_000;
const SETUP_COOKIE_SECONDS = 24 * 3600;

const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

const minutesUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

function pendingStaffId(deps: AppDeps, request: FastifyRequest): string | null {
  const sealed = request.cookies[pendingCookie(deps)];
  if (!sealed) return null;
  const opened = unsealText(deps.secret, PENDING_PURPOSE, sealed);
  const [staffId, at] = (opened ?? '').split('|');
  if (!staffId || !at) return null;
  const age = deps.clock.now().getTime() - Number(at);
  return age >= 0 && age < PENDING_MS ? staffId : null;
}

async function qrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** ログイン (two steps), ログアウト, the console's home, and the setup a new staff member opens from the CLI's URL. */
export const consoleRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  const page = (request: FastifyRequest, reply: FastifyReply) => consolePageContext(deps, request, reply);

  app.get('/', { preHandler: requireStaff() }, async (request, reply) => {
    const staff = request.staff!;
    const recoveryCodesLeft = await countUnusedRecoveryCodes(deps.db, staff.id);
    return sendPage(reply, ConsoleHomePage({ ctx: page(request, reply), staff: { name: staff.name, login: staff.login, roleLabel: ROLE_LABELS[staff.role], agencyCode: staff.agencyCode, recoveryCodesLeft, menu: [...DESK_MENU, ...EXPIRY_MENU, ...(staff.role === 'desk' ? [] : NEWS_MENU), ...(staff.role === 'admin' ? ADMIN_MENU : [])] } }));
  });

  app.get('/login', async (request, reply) => {
    if (request.staff) return reply.redirect('/console', 303);
    return sendPage(reply, ConsoleLoginPage({ ctx: page(request, reply) }));
  });

  app.post('/login', async (request, reply) => {
    const login = field(request.body, 'login').slice(0, 200);
    const outcome = await checkStaffPassword(deps, { login, password: field(request.body, 'password').slice(0, 200), ip: request.ip });
    if (outcome.kind === 'code_needed') {
      reply.setCookie(pendingCookie(deps), sealText(deps.secret, PENDING_PURPOSE, `${outcome.staffId}|${deps.clock.now().getTime()}`), cookieOptions(deps.config));
      return reply.redirect('/console/login/code', 303);
    }
    const problem = outcome.kind === 'invalid' ? outcome : { kind: 'locked' as const, minutes: minutesUntil(outcome.until, deps.clock.now()) };
    return sendPage(reply, ConsoleLoginPage({ ctx: page(request, reply), login, problem }), outcome.kind === 'invalid' ? 401 : 429);
  });

  app.get('/login/code', async (request, reply) => {
    if (!pendingStaffId(deps, request)) return sendPage(reply, ConsoleLoginPage({ ctx: page(request, reply), problem: { kind: 'expired' } }), 200);
    return sendPage(reply, ConsoleCodePage({ ctx: page(request, reply) }));
  });

  app.post('/login/code', async (request, reply) => {
    const staffId = pendingStaffId(deps, request);
    if (!staffId) return sendPage(reply, ConsoleLoginPage({ ctx: page(request, reply), problem: { kind: 'expired' } }), 401);
    const outcome = await checkStaffCode(deps, { staffId, code: field(request.body, 'code').slice(0, 100), ip: request.ip });
    if (outcome.kind === 'ok') {
      reply.clearCookie(pendingCookie(deps), cookieOptions(deps.config));
      const session = await startStaffSession(deps, request, reply, outcome.staffId, request.staffSession);
      request.staffSession = session;
      request.csrfSession = session.idHash;
      return reply.redirect('/console', 303);
    }
    if (outcome.kind === 'locked') reply.clearCookie(pendingCookie(deps), cookieOptions(deps.config));
    const problem = outcome.kind === 'invalid' ? outcome : { kind: 'locked' as const, minutes: minutesUntil(outcome.until, deps.clock.now()) };
    return sendPage(reply, ConsoleCodePage({ ctx: page(request, reply), problem }), outcome.kind === 'invalid' ? 401 : 429);
  });

  app.post('/logout', async (request, reply) => {
    const staffId = request.staffSession?.staffId;
    await endStaffSession(deps, reply, request.staffSession);
    request.staffSession = null;
    request.staff = null;
    request.csrfSession = null;
    if (staffId) await recordAudit(deps.db, deps.clock.now(), { kind: 'staff_logout', actor: { kind: 'staff', id: staffId }, subject: { kind: 'staff', id: staffId }, ip: request.ip });
    return reply.redirect('/console/logout', 303);
  });

  app.get('/logout', async (request, reply) => {
    if (request.staff) return reply.redirect('/console', 303);
    return sendPage(reply, ConsoleLoggedOutPage({ ctx: page(request, reply) }));
  });

  // Setup: the GET only shows the form (a link scanner's GET uses nothing up).
  app.get('/setup', async (request, reply) => {
    const token = String((request.query as Record<string, unknown>).token ?? '');
    const setup = await openSetup(deps, token);
    if (!setup) return sendPage(reply, SetupGonePage({ ctx: page(request, reply) }), 410);
    return sendPage(reply, SetupPasswordPage({ ctx: page(request, reply), token, staff: setup.staff }));
  });

  app.post('/setup', async (request, reply) => {
    const token = field(request.body, 'token');
    const outcome = await choosePassword(deps, token, field(request.body, 'password'), field(request.body, 'confirm'), request.ip);
    if (outcome.kind === 'gone') return sendPage(reply, SetupGonePage({ ctx: page(request, reply) }), 410);
    if (outcome.kind === 'problem') {
      const setup = await openSetup(deps, token);
      if (!setup) return sendPage(reply, SetupGonePage({ ctx: page(request, reply) }), 410);
      return sendPage(reply, SetupPasswordPage({ ctx: page(request, reply), token, staff: setup.staff, errors: outcome.errors }), 400);
    }
    reply.setCookie(setupCookie(deps), token, cookieOptions(deps.config, SETUP_COOKIE_SECONDS));
    return reply.redirect('/console/setup/totp', 303);
  });

  const totpPage = async (request: FastifyRequest, reply: FastifyReply, error?: string) => {
    const token = request.cookies[setupCookie(deps)] ?? '';
    const setup = await openSetup(deps, token);
    if (!setup) return sendPage(reply, SetupGonePage({ ctx: page(request, reply) }), 410);
    if (!setup.pendingSecret) return reply.redirect(`/console/setup?token=${encodeURIComponent(token)}`, 303);
    const uri = totpUri(setup.pendingSecret, `${deps.config.brand.name} コンソール`, setup.staff.login);
    const ctx = page(request, reply);
    return sendPage(reply, SetupTotpPage({ ctx, qrDataUrl: await qrDataUrl(uri), secretText: groupedSecret(setup.pendingSecret), ...(error ? { error } : {}) }), error ? 400 : 200);
  };

  app.get('/setup/totp', async (request, reply) => totpPage(request, reply));

  app.post('/setup/totp', async (request, reply) => {
    const token = request.cookies[setupCookie(deps)] ?? '';
    const outcome = await confirmTotp(deps, token, field(request.body, 'code').slice(0, 20), request.ip);
    switch (outcome.kind) {
      case 'ok':
        reply.clearCookie(setupCookie(deps), cookieOptions(deps.config));
        return sendPage(reply, SetupDonePage({ ctx: page(request, reply), codes: outcome.recoveryCodes }));
      case 'wrong_code':
        return totpPage(request, reply, '確認コードが正しくありません。認証アプリに表示されている最新のコードを入力してください。');
      case 'locked':
        return totpPage(request, reply, '確認コードの誤りが続いたため、しばらく受け付けを停止しています。15分ほど経ってからお試しください。');
      case 'needs_password':
        return reply.redirect(`/console/setup?token=${encodeURIComponent(token)}`, 303);
      case 'gone':
        return sendPage(reply, SetupGonePage({ ctx: page(request, reply) }), 410);
    }
  });
};
