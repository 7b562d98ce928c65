import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_RATES_FILE, loadConfig } from '../../../config.js';
import { PLAN_OPTIONS, planOptions } from './labels.js';
import { loadRateTable, parseRateTable } from './rate-table.js';
import { rates } from './test-fixtures.js';

const shipped = JSON.parse(readFileSync(DEFAULT_RATES_FILE, 'utf8')) as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'keizoku-rates-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The shipped table with one field replaced (a path of keys and indexes). */
function changed(path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(shipped) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = value;
  return copy;
}

describe('the rate table', () => {
  it('ships rates/default.json, found from the package whatever the cwd', () => {
    assert.match(DEFAULT_RATES_FILE, /[/\\]rates[/\\]default\.json$/);
    assert.equal(loadConfig({}).ratesFile, DEFAULT_RATES_FILE);
    assert.equal(rates.basePremium.private_car, 128_000);
  });

  it('resolves a relative RATES_FILE against the cwd at start', () => {
    assert.equal(loadConfig({ RATES_FILE: 'x/rates.json' }).ratesFile, join(process.cwd(), 'x/rates.json'));
  });

  it('keeps PLAN_OPTIONS equal to the shipped table', () => {
    assert.deepEqual(planOptions(rates), PLAN_OPTIONS);
  });

  it('names the path when the file is missing or not JSON', () => {
    const missing = join(dir, 'missing.json');
    assert.throws(() => loadRateTable(missing), (e: Error) => e.message.startsWith(`Cannot read rate table ${missing}`));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "revision": ');
    assert.throws(() => loadRateTable(broken), (e: Error) => e.message.startsWith(`Invalid rate table ${broken}: not JSON`));
  });

  it('names the path and the bad field', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(changed(['ageCondition', '35'], -0.5)));
    assert.throws(() => loadRateTable(file), (e: Error) => e.message.includes(file) && /ageCondition\.35: /.test(e.message));
  });

  const refused: Array<[string, Array<string | number>, unknown, RegExp]> = [
    ['a factor with 5 decimals', ['driverScope', 'family'], 0.95001, /driverScope\.family: at most 4 decimal places/],
    ['a missing vehicle class', ['basePremium', 'kei_car'], undefined, /basePremium\.kei_car/],
    ['a fractional yen', ['riders', 'lawyer'], 2000.5, /riders\.lawyer/],
    ['a short grade column', ['grades', 'noAccident'], [64, 28], /grades\.noAccident/],
    ['grades 1–6 that differ by accident', ['grades', 'withAccident', 5], -20, /grades\.withAccident\[5\]: grade 6 must equal noAccident/],
    ['a grade dearer than the one below', ['grades', 'noAccident', 10], -44, /grades\.noAccident\[10\]: grade 11 must not cost more than grade 10/],
    ['no unlimited property damage', ['propertyDamage', 0, 'limit'], 100_000_000, /propertyDamage: must offer 'unlimited'/],
    ['a malformed deductible', ['vehicle', 'deductibles', 1, 'deductible'], '5万-10万', /vehicle\.deductibles\[1\]\.deductible/],
    ['a step that does not divide the range', ['vehicle', 'amount', 'step'], 700_000, /vehicle\.amount\.step: must divide/],
    ['an unknown field', ['discount'], 0.1, /discount|Unrecognized/],
    ['a monthly surcharge of 60%', ['monthlySurcharge'], 0.6, /monthlySurcharge/],
  ];
  for (const [what, path, value, message] of refused) {
    it(`refuses ${what}`, () => {
      assert.throws(() => parseRateTable(changed(path, value), 'test.json'), (e: Error) => e.message.startsWith('Invalid rate table test.json:') && message.test(e.message));
    });
  }
});
