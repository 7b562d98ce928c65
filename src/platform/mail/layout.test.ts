import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deadlineLine, formatDuration } from './layout.js';

const sentAt = new Date('2026-11-25T09:30:00Z'); // 18:30 in Japan

describe('mail layout', () => {
  it('states the life of the link and the deadline in Japan time', () => {
    assert.equal(formatDuration(48 * 3_600_000, 'ja'), '48時間');
    assert.equal(formatDuration(90 * 60_000, 'ja'), '90分');
    assert.equal(formatDuration(2000, 'ja'), '2秒');
    assert.equal(deadlineLine(new Date(sentAt.getTime() + 48 * 3_600_000)), 'ご利用期限:2026年11月27日18時30分まで');
  });
});
