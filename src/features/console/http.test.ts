import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { requireStaff } from './http.js';

describe('requireStaff', () => {
  // The 404 page's own hooks may wait (the access_denied audit writes to the database): a guard
  // that did not wait for them let Fastify run the 404 page a second time, whose answer went out
  // before the first had written its audit row.
  it('a role outside the page answers 404 once and the handler never runs, however slow the 404 page is', async () => {
    const app = Fastify();
    let handled = 0;
    let notFound = 0;
    app.decorateRequest('staff', null);
    app.addHook('onRequest', async (request) => {
      request.staff = { id: 's1', login: 'agency.one', name: '代理店 一郎', role: 'agency', agencyCode: 'D0002' };
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      if (reply.statusCode === 404) await new Promise((resolve) => setTimeout(resolve, 30));
      return payload;
    });
    app.setNotFoundHandler((_request, reply) => {
      notFound += 1;
      return reply.code(404).send('ページが見つかりません');
    });
    app.post('/customers/:id/suspend', { preHandler: requireStaff('desk', 'admin') }, async (_request, reply) => {
      handled += 1;
      return reply.code(303).redirect('/done');
    });
    const answer = await app.inject({ method: 'POST', url: '/customers/c1/suspend' });
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(answer.statusCode, 404);
    assert.equal(answer.body, 'ページが見つかりません');
    assert.equal(handled, 0);
    assert.equal(notFound, 1, 'the 404 page is rendered once');
    await app.close();
  });
});
