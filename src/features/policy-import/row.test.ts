import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POLICY_COLUMNS, type PolicyRecord } from './columns.js';
import { policyRowValidator, type PolicyRow } from './row.js';

const TODAY = '2026-11-25';
const validate = policyRowValidator(TODAY);

// The first row of samples/policies.csv.
const SAMPLE = [
  'C123456789', 'auto', '三住', '太郎', 'ミツスミ', 'タロウ', '1975-01-01', 'abc@example.com', '03-1234-5678', '100-0005',
  '東京都千代田区丸の内1-1-1', 'D0001', 'みらい保険サービス有限会社', '2025-12-27', '2026-12-27', 'プリウス', '品川 300 さ 12-34',
  'private_car', '14', '0', '0', '35', 'family', 'leisure', 'unlimited', 'unlimited', '30000000', 'general', '2200000', '5-10',
  'lawyer;road_assistance', '58200', 'bank',
];

const record = (changes: Partial<PolicyRecord> = {}): PolicyRecord =>
  ({ ...Object.fromEntries(POLICY_COLUMNS.map((c, i) => [c, SAMPLE[i] ?? ''])), ...changes }) as PolicyRecord;

function accepted(changes: Partial<PolicyRecord>): PolicyRow {
  const result = validate(record(changes));
  assert.ok(result.ok, `expected the row to pass, got: ${result.ok ? '' : result.reasons.join('; ')}`);
  return result.policy;
}

function rejected(changes: Partial<PolicyRecord>, reason: RegExp): void {
  const result = validate(record(changes));
  assert.equal(result.ok, false, `expected ${JSON.stringify(changes)} to be rejected`);
  if (!result.ok) assert.ok(result.reasons.some((r) => reason.test(r)), `no reason matches ${reason}: ${result.reasons.join('; ')}`);
}

describe('a policies CSV row', () => {
  it('passes as the sample gives it, with typed values and the agency name apart', () => {
    const result = validate(record());
    assert.ok(result.ok);
    assert.equal(result.agencyName, 'みらい保険サービス有限会社');
    assert.equal(result.policy.grade, 14);
    assert.equal(result.policy.vehicle_amount, 2200000);
    assert.equal(result.policy.annual_premium, 58200);
    assert.equal(result.policy.personal_injury, '30000000');
    assert.equal(result.policy.riders, 'lawyer;road_assistance');
    assert.equal('agency_name' in result.policy, false);
  });

  it('needs only the required columns; product defaults to auto and the rest to nothing', () => {
    const optional = Object.fromEntries(
      POLICY_COLUMNS.filter((c) => !['policy_number', 'holder_family_name', 'holder_given_name', 'holder_family_kana', 'holder_given_kana', 'birth_date', 'agency_code', 'agency_name', 'start_date', 'end_date'].includes(c)).map((c) => [c, '']),
    );
    const policy = accepted(optional);
    assert.equal(policy.product, 'auto');
    assert.equal(policy.email, null);
    assert.equal(policy.grade, null);
    assert.equal(policy.riders, null);
  });

  it('trims spaces, full-width ones too, around every cell', () => {
    const policy = accepted({ holder_family_name: '　三住 ', policy_number: ' C123456789 ' });
    assert.equal(policy.holder_family_name, '三住');
    assert.equal(policy.policy_number, 'C123456789');
  });

  it('refuses each missing required column by name', () => {
    for (const column of ['policy_number', 'holder_family_name', 'holder_given_name', 'holder_family_kana', 'holder_given_kana', 'birth_date', 'agency_code', 'agency_name', 'start_date', 'end_date'] as const) {
      rejected({ [column]: '' }, new RegExp(`^${column}: is required$`));
    }
  });

  it('reports every problem of a row, each with its column', () => {
    const result = validate(record({ grade: '21', payment_method: 'cash', email: 'nope' }));
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(result.reasons.map((r) => r.split(':')[0]), ['email', 'grade', 'payment_method']);
  });

  describe('policy number', () => {
    it('is NFKC and upper case', () => assert.equal(accepted({ policy_number: 'ｃ１２３４５' }).policy_number, 'C12345'));
    it('refuses anything but letters and digits', () => {
      rejected({ policy_number: 'C-123' }, /^policy_number: "C-123" must be half-width letters and digits only$/);
      rejected({ policy_number: 'C 123' }, /^policy_number: .*letters and digits/);
    });
    it('refuses one longer than 30', () => rejected({ policy_number: 'C'.repeat(31) }, /^policy_number: is longer than 30/));
  });

  describe('names and kana', () => {
    it('keeps kanji names as given, up to 50 characters', () => {
      rejected({ holder_given_name: '太'.repeat(51) }, /^holder_given_name: is longer than 50/);
      rejected({ holder_family_name: '三\t住' }, /^holder_family_name: must not contain line breaks, tabs/);
      rejected({ holder_family_name: '三\n住' }, /^holder_family_name: must not contain line breaks/);
    });
    it('turns half-width kana into full-width and drops spaces', () => {
      assert.equal(accepted({ holder_family_kana: 'ﾐﾂｽﾐ' }).holder_family_kana, 'ミツスミ');
      assert.equal(accepted({ holder_given_kana: 'ﾀﾞｲｽｹ' }).holder_given_kana, 'ダイスケ');
      assert.equal(accepted({ holder_family_kana: 'ミツ　スミ' }).holder_family_kana, 'ミツスミ');
      assert.equal(accepted({ holder_given_kana: 'ジョン・ポール' }).holder_given_kana, 'ジョン・ポール');
    });
    it('refuses hiragana, kanji and Latin', () => {
      rejected({ holder_family_kana: 'みつすみ' }, /^holder_family_kana: "みつすみ" must be full-width katakana$/);
      rejected({ holder_given_kana: '太郎' }, /^holder_given_kana: .*full-width katakana/);
      rejected({ holder_given_kana: 'Taro' }, /^holder_given_kana: .*full-width katakana/);
    });
  });

  describe('dates', () => {
    it('must be real calendar dates YYYY-MM-DD', () => {
      rejected({ birth_date: '1975-02-30' }, /^birth_date: "1975-02-30" is not a real date$/);
      rejected({ start_date: '2025-13-01' }, /^start_date: .*not a real date/);
      rejected({ end_date: '2026/12/27' }, /^end_date: "2026\/12\/27" is not a date in the form YYYY-MM-DD$/);
      rejected({ birth_date: '1975-1-1' }, /^birth_date: .*YYYY-MM-DD/);
      assert.equal(accepted({ birth_date: '１９７６-０２-２９' }).birth_date, '1976-02-29');
    });
    it('refuses a birth date in the future or before 1900', () => {
      rejected({ birth_date: '2026-11-26' }, /^birth_date: "2026-11-26" is in the future$/);
      assert.equal(accepted({ birth_date: TODAY }).birth_date, TODAY);
      rejected({ birth_date: '1899-12-31' }, /^birth_date: .*not a real date/);
    });
    it('needs the end after the start', () => {
      rejected({ end_date: '2025-12-27' }, /^end_date: must be after start_date$/);
      rejected({ end_date: '2025-01-01' }, /^end_date: must be after start_date$/);
    });
  });

  describe('contact on file', () => {
    it('keeps e-mail NFKC and lower case and refuses a bad one', () => {
      assert.equal(accepted({ email: 'ＡＢＣ@Example.COM' }).email, 'abc@example.com');
      rejected({ email: 'abc@' }, /^email: "abc@" is not a valid e-mail address$/);
      rejected({ email: 'a b@example.com' }, /^email: /);
      rejected({ email: `${'a'.repeat(250)}@example.com` }, /^email: /);
    });
    it('checks phone numbers and postal codes', () => {
      assert.equal(accepted({ phone: '０３－１２３４－５６７８' }).phone, '03-1234-5678');
      rejected({ phone: 'call me' }, /^phone: "call me" is not a phone number/);
      assert.equal(accepted({ postal_code: '1000005' }).postal_code, '100-0005');
      assert.equal(accepted({ postal_code: '〒100-0005' }).postal_code, '100-0005');
      rejected({ postal_code: '100-00' }, /^postal_code: "100-00" is not a postal code/);
    });
    it('limits the address', () => rejected({ address: '東'.repeat(201) }, /^address: is longer than 200/));
  });

  describe('agency', () => {
    it('needs a code of letters and digits and a name', () => {
      assert.equal(accepted({ agency_code: 'ｄ0001' }).agency_code, 'D0001');
      rejected({ agency_code: 'D-1' }, /^agency_code: "D-1" must be half-width letters and digits only$/);
      rejected({ agency_name: '店'.repeat(101) }, /^agency_name: is longer than 100/);
    });
  });

  describe('auto columns', () => {
    it('accept only the listed codes', () => {
      rejected({ product: 'fire' }, /^product: "fire" is not one of auto$/);
      rejected({ vehicle_class: 'truck' }, /^vehicle_class: "truck" is not one of private_car, small_private_car, kei_car$/);
      rejected({ age_condition: '30' }, /^age_condition: "30" is not one of all, 21, 26, 35$/);
      rejected({ driver_scope: 'friends' }, /^driver_scope: "friends" is not one of any, family, self_spouse, self$/);
      rejected({ use_purpose: 'racing' }, /^use_purpose: "racing" is not one of leisure, commute, business$/);
      rejected({ vehicle_coverage: 'full' }, /^vehicle_coverage: "full" is not one of general, limited, none$/);
      rejected({ payment_method: 'cash' }, /^payment_method: "cash" is not one of bank, card, convenience$/);
      assert.equal(accepted({ payment_method: 'Card' }).payment_method, 'card');
    });
    it('bound the grade to 1–20', () => {
      assert.equal(accepted({ grade: '1' }).grade, 1);
      assert.equal(accepted({ grade: '２０' }).grade, 20);
      for (const grade of ['0', '21', '1.5', '-3', 'x']) rejected({ grade }, /^grade: .* must be a whole number from 1 to 20$/);
    });
    it('bound the accident coefficient period to 0–6 and claims to 0 or more', () => {
      assert.equal(accepted({ accident_coefficient_years: '6' }).accident_coefficient_years, 6);
      rejected({ accident_coefficient_years: '7' }, /^accident_coefficient_years: "7" must be a whole number from 0 to 6$/);
      rejected({ claims_this_term: '-1' }, /^claims_this_term: "-1" must be a whole number from 0/);
      assert.equal(accepted({ claims_this_term: '2' }).claims_this_term, 2);
    });
    it('take unlimited or yen for 対人・対物 and none or yen for 人身傷害', () => {
      assert.equal(accepted({ bodily_injury: 'UNLIMITED' }).bodily_injury, 'unlimited');
      assert.equal(accepted({ property_damage: '20000000' }).property_damage, '20000000');
      rejected({ bodily_injury: 'lots' }, /^bodily_injury: "lots" must be unlimited or yen/);
      rejected({ property_damage: 'none' }, /^property_damage: "none" must be unlimited or yen/);
      assert.equal(accepted({ personal_injury: 'none' }).personal_injury, 'none');
      rejected({ personal_injury: 'unlimited' }, /^personal_injury: "unlimited" must be none or yen/);
    });
    it('take yen as whole numbers without commas or signs', () => {
      rejected({ annual_premium: '58,200' }, /^annual_premium: "58,200" must be yen as a whole number/);
      rejected({ annual_premium: '58200円' }, /^annual_premium: /);
      rejected({ vehicle_amount: '-1' }, /^vehicle_amount: /);
      rejected({ vehicle_amount: '3000000000' }, /^vehicle_amount: /);
      assert.equal(accepted({ annual_premium: '０' }).annual_premium, 0);
    });
    it('take a deductible like 5-10 (万円)', () => {
      assert.equal(accepted({ vehicle_deductible: '0-10' }).vehicle_deductible, '0-10');
      assert.equal(accepted({ vehicle_deductible: '０５-１０' }).vehicle_deductible, '5-10');
      rejected({ vehicle_deductible: '5' }, /^vehicle_deductible: "5" must be two amounts in 万円 joined by a hyphen/);
      rejected({ vehicle_deductible: '5～10' }, /^vehicle_deductible: /);
      rejected({ vehicle_deductible: '5-1000' }, /^vehicle_deductible: /);
    });
    it('want a vehicle amount and deductible exactly when there is vehicle cover', () => {
      const none = accepted({ vehicle_coverage: 'none', vehicle_amount: '', vehicle_deductible: '' });
      assert.equal(none.vehicle_amount, null);
      rejected({ vehicle_coverage: 'none' }, /^vehicle_amount: must be empty unless vehicle_coverage is general or limited$/);
      rejected({ vehicle_coverage: 'limited', vehicle_amount: '' }, /^vehicle_amount: is required when vehicle_coverage is limited$/);
      rejected({ vehicle_coverage: 'general', vehicle_deductible: '' }, /^vehicle_deductible: is required when vehicle_coverage is general$/);
      rejected({ vehicle_coverage: '' }, /^vehicle_amount: must be empty/);
    });
    it('take riders from the list, ;-separated, repeats dropped', () => {
      assert.equal(accepted({ riders: 'lawyer; family_bike;lawyer;' }).riders, 'lawyer;family_bike');
      assert.equal(accepted({ riders: ';' }).riders, null);
      rejected({ riders: 'lawyer;spa' }, /^riders: "spa" not among lawyer, road_assistance, personal_liability, family_bike/);
      rejected({ riders: 'lawyer,road_assistance' }, /^riders: /);
    });
  });
});
