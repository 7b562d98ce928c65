import { FEED_LIMIT_DEFAULT, FEED_LIMIT_MAX } from '../policies/processing/cursor.js';
import { OUTCOME_NOTE_MAX_LENGTH } from '../policies/processing/outcome-note.js';

// The JSON schemas of the feeds: every field declared and required, so the OpenAPI document
// describes each item whole (and the serializer, which drops what is not declared, keeps it).

type Properties = Record<string, object>;
const object = (properties: Properties, description?: string) => ({
  type: 'object',
  ...(description ? { description } : {}),
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});
const nullable = (type: string, extra: object = {}) => ({ type: [type, 'null'], ...extra });
const DATE = { type: 'string', format: 'date' } as const;
const TIME = { type: 'string', format: 'date-time' } as const;

const ACTOR = object({ kind: { type: 'string', enum: ['customer', 'staff', 'api_client', 'system'] }, id: { type: 'string' } }, 'Who acted: a staff member in the console or an API client');
const nullableActor = { oneOf: [ACTOR, { type: 'null' }] };

const CUSTOMER = object(
  {
    customer_id: { type: 'string' },
    family_name: { type: 'string' },
    given_name: { type: 'string' },
    family_kana: { type: 'string' },
    given_kana: { type: 'string' },
    birth_date: DATE,
    email: { type: 'string', description: 'The web account’s user ID (mail address)' },
  },
  'The customer’s web account',
);

const COVERAGE = object(
  {
    age_condition: { type: 'string' },
    driver_scope: { type: 'string' },
    use_purpose: { type: 'string' },
    bodily_injury: { type: 'string' },
    property_damage: { type: 'string' },
    personal_injury: { type: 'string' },
    vehicle_coverage: { type: 'string' },
    vehicle_amount: nullable('integer'),
    vehicle_deductible: nullable('string'),
    riders: { type: 'array', items: { type: 'string' } },
  },
  'The conditions the customer chose, in the policies CSV’s codes',
);

const BREAKDOWN_LINE = {
  type: 'object',
  additionalProperties: false,
  required: ['label', 'kind', 'value'],
  properties: { label: { type: 'string' }, kind: { type: 'string', enum: ['base', 'factor', 'addition', 'rounding'] }, value: { type: 'number', description: 'A factor for kind factor, otherwise yen' }, note: { type: 'string' } },
};

const CONFIRMATION = object({ key: { type: 'string' }, text: { type: 'string', description: 'The sentence the customer confirmed' }, at: TIME });

export const RENEWAL_APPLICATION = object(
  {
    reception_number: { type: 'string', description: '受付番号' },
    policy_number: { type: 'string' },
    product: { type: 'string' },
    customer: CUSTOMER,
    holder_family_name: { type: 'string' },
    holder_given_name: { type: 'string' },
    agency_code: { type: 'string' },
    agency_name: { type: 'string' },
    vehicle_model: nullable('string'),
    vehicle_registration: nullable('string'),
    vehicle_class: nullable('string'),
    current_end_date: { ...DATE, description: '満期日 of the term renewed' },
    start_date: { ...DATE, description: 'The new term' },
    end_date: DATE,
    plan: { type: 'string', enum: ['same', 'recommended', 'economy', 'custom'] },
    coverage: COVERAGE,
    grade: { type: 'integer', description: 'ノンフリート等級 of the new term' },
    accident_coefficient_years: { type: 'integer' },
    annual_premium: { type: 'integer', description: 'Yen' },
    monthly_premium: nullable('integer', { description: 'Yen, when paid monthly' }),
    total_payable: { type: 'integer', description: 'Yen over the term' },
    premium_breakdown: { type: 'array', items: BREAKDOWN_LINE },
    payment_method: { type: 'string' },
    payment_method_changed: { type: 'boolean' },
    payment_frequency: { type: 'string', enum: ['annual', 'monthly'] },
    confirmations: { type: 'array', items: CONFIRMATION, description: 'What the customer confirmed, and when' },
    created_at: TIME,
    acknowledged: { type: 'boolean', description: '取込済' },
    acknowledged_at: nullable('string', { format: 'date-time' }),
    acknowledged_by: nullableActor,
  },
  'A renewal application (継続申込)',
);

const CONTACT = object({ postal_code: nullable('string'), address: nullable('string'), phone: nullable('string') });

export const CHANGE_REQUEST = object(
  {
    id: { type: 'string' },
    kind: { type: 'string', description: '`address`: 住所・電話番号の変更' },
    status: { type: 'string', enum: ['pending', 'done', 'rejected'] },
    requested: { ...CONTACT, description: 'What the customer asked for' },
    on_file: { oneOf: [{ ...CONTACT, description: 'The contact on file now (the first policy of the request)' }, { type: 'null' }] },
    policy_numbers: { type: 'array', items: { type: 'string' } },
    agencies: { type: 'array', items: object({ agency_code: { type: 'string' }, agency_name: { type: 'string' } }) },
    customer: CUSTOMER,
    note: nullable('string', { description: 'What the customer reads with the outcome' }),
    processed_at: nullable('string', { format: 'date-time' }),
    processed_by: nullableActor,
    created_at: TIME,
  },
  'A change request (変更受付)',
);

export const feedOf = (item: object, description: string) =>
  object({ items: { type: 'array', items: item, description: 'Oldest first' }, next_cursor: { type: 'string', description: 'Pass as `after` for the next page; the same cursor when nothing new has come' } }, description);

export const FEED_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    after: { type: 'string', maxLength: 64, description: 'The previous page’s next_cursor; absent: from the start' },
    limit: { type: 'integer', minimum: 1, maximum: FEED_LIMIT_MAX, default: FEED_LIMIT_DEFAULT, description: `Items per page, at most ${FEED_LIMIT_MAX}` },
  },
} as const;

export const OUTCOME_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome'],
  properties: {
    outcome: { type: 'string', enum: ['done', 'rejected'], description: '`done` (手続き完了) or `rejected` (差戻し)' },
    note: { type: ['string', 'null'], maxLength: OUTCOME_NOTE_MAX_LENGTH, description: 'What the customer reads beside the outcome; required for rejected' },
  },
} as const;
