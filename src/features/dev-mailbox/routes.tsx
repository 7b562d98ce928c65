import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { usesDevMailbox } from '../../config.js';
import { pageContext } from '../../platform/ui/page-context.js';
import { NotFoundPage } from '../../platform/ui/pages.js';
import { sendPage } from '../../platform/ui/render.js';
import type { FeatureOptions } from '../../platform/deps.js';
import { mailboxList, mailboxMessage } from './service.js';
import { MailboxPage, MailPage } from './views.js';

const noIndex = (reply: FastifyReply) => reply.header('x-robots-tag', 'noindex, nofollow');

/** The built-in dev mailbox, only when mail goes to it (SMTP_URL unset); otherwise these paths do not exist. */
export const devMailboxRoutes: FastifyPluginAsync<FeatureOptions> = async (app, { deps }) => {
  if (!usesDevMailbox(deps.config)) return;

  app.get('/dev/mailbox', async (request, reply) => {
    const mails = await mailboxList(deps.db);
    return sendPage(noIndex(reply), <MailboxPage ctx={pageContext(deps, request, reply)} mails={mails} />);
  });

  app.get<{ Params: { id: string } }>('/dev/mailbox/:id', async (request, reply) => {
    const view = await mailboxMessage(deps.db, request.params.id, deps.config.baseUrl);
    const ctx = pageContext(deps, request, reply);
    if (!view) return sendPage(noIndex(reply), <NotFoundPage ctx={ctx} />, 404);
    return sendPage(noIndex(reply), <MailPage ctx={ctx} view={view} />);
  });
};
