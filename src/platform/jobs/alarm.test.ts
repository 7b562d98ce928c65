import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Alarm } from './alarm.js';

describe('the alarm a worker sleeps on', () => {
  it('waits its time when nobody rings', async () => {
    const started = Date.now();
    await new Alarm().wait(30);
    assert.ok(Date.now() - started >= 25);
  });

  it('is cut short by a ring, and a ring while nobody waits ends the next wait at once', async () => {
    const alarm = new Alarm();
    const started = Date.now();
    setTimeout(() => alarm.ring(), 5);
    await alarm.wait(10_000);
    alarm.ring();
    await alarm.wait(10_000);
    assert.ok(Date.now() - started < 1000);
  });

  it('forgets a ring once a wait has taken it', async () => {
    const alarm = new Alarm();
    alarm.ring();
    await alarm.wait(10_000);
    const started = Date.now();
    await alarm.wait(30);
    assert.ok(Date.now() - started >= 25);
  });
});
