import { recordAudit } from '../../../platform/auth/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { feedPage, parseFeedQuery, type FeedQuery, type FeedResult } from './cursor.js';
import { agencyChoices, feedRows, findApplication, listApplications, markAcknowledged, type ApplicationFilter, type ApplicationRow } from './renewal-application-repository.js';
import { actorOf, customerRefOf, type AgencyScope, type CustomerRef, type ListPage } from './scope.js';
import './audit-kinds.js';

// 継続申込: the renewal applications as the insurer takes them in, shared by the console and the
// integration API. Field names follow the policies CSV where it has one. No HTTP here.

export type { ApplicationFilter } from './renewal-application-repository.js';
export { agencyChoices };

/** The chosen conditions, in the CSV's names and codes (riders as an array). */
export interface ChosenCoverage {
  age_condition: string;
  driver_scope: string;
  use_purpose: string;
  bodily_injury: string;
  property_damage: string;
  personal_injury: string;
  vehicle_coverage: string;
  vehicle_amount: number | null;
  vehicle_deductible: string | null;
  riders: string[];
}

export interface BreakdownLine {
  label: string;
  /** base | factor | addition | rounding */
  kind: string;
  /** A factor for kind factor, otherwise yen. */
  value: number;
  note?: string;
}

export interface Confirmation {
  key: string;
  /** The sentence the customer confirmed. */
  text: string;
  /** When they ticked it. */
  at: string;
}

export interface RenewalApplicationItem {
  /** 受付番号 */
  reception_number: string;
  policy_number: string;
  product: string;
  customer: CustomerRef;
  holder_family_name: string;
  holder_given_name: string;
  agency_code: string;
  agency_name: string;
  vehicle_model: string | null;
  vehicle_registration: string | null;
  vehicle_class: string | null;
  /** 満期日 of the term renewed, and the new term. */
  current_end_date: string;
  start_date: string;
  end_date: string;
  /** same | recommended | economy | custom */
  plan: string;
  coverage: ChosenCoverage;
  grade: number;
  accident_coefficient_years: number;
  annual_premium: number;
  monthly_premium: number | null;
  total_payable: number;
  premium_breakdown: BreakdownLine[];
  payment_method: string;
  payment_method_changed: boolean;
  /** annual | monthly */
  payment_frequency: string;
  confirmations: Confirmation[];
  created_at: string;
  /** 取込済 */
  acknowledged: boolean;
  acknowledged_at: string | null;
  acknowledged_by: Actor | null;
}

interface StoredCoverage {
  ageCondition: string;
  driverScope: string;
  usePurpose: string;
  bodilyInjury: string;
  propertyDamage: string | number;
  personalInjury: string | number;
  vehicleCoverage: string;
  vehicleAmount: number | null;
  vehicleDeductible: string | null;
  riders: string[];
}

const coverageOf = (json: string): ChosenCoverage => {
  const c = JSON.parse(json) as StoredCoverage;
  return {
    age_condition: c.ageCondition,
    driver_scope: c.driverScope,
    use_purpose: c.usePurpose,
    bodily_injury: String(c.bodilyInjury),
    property_damage: String(c.propertyDamage),
    personal_injury: String(c.personalInjury),
    vehicle_coverage: c.vehicleCoverage,
    vehicle_amount: c.vehicleAmount,
    vehicle_deductible: c.vehicleDeductible,
    riders: c.riders,
  };
};

export function applicationItemOf(row: ApplicationRow): RenewalApplicationItem {
  return {
    reception_number: row.reception_number,
    policy_number: row.policy_number,
    product: row.product,
    customer: customerRefOf(row.customer_id, row),
    holder_family_name: row.holder_family_name,
    holder_given_name: row.holder_given_name,
    agency_code: row.agency_code,
    agency_name: row.agency_name,
    vehicle_model: row.vehicle_model,
    vehicle_registration: row.vehicle_registration,
    vehicle_class: row.vehicle_class,
    current_end_date: row.current_end_date,
    start_date: row.new_start_date,
    end_date: row.new_end_date,
    plan: row.plan,
    coverage: coverageOf(row.coverage),
    grade: Number(row.next_grade),
    accident_coefficient_years: Number(row.next_accident_coefficient_years),
    annual_premium: Number(row.annual_premium),
    monthly_premium: row.monthly_premium === null ? null : Number(row.monthly_premium),
    total_payable: Number(row.total_payable),
    premium_breakdown: JSON.parse(row.quote_breakdown) as BreakdownLine[],
    payment_method: row.payment_method,
    payment_method_changed: Number(row.payment_method_changed) === 1,
    payment_frequency: row.payment_frequency,
    confirmations: JSON.parse(row.confirmations) as Confirmation[],
    created_at: row.created_at,
    acknowledged: row.acknowledged_at !== null,
    acknowledged_at: row.acknowledged_at,
    acknowledged_by: actorOf(row.acknowledged_by_kind, row.acknowledged_by_id),
  };
}

/** The feed for the core system: every application in the order they were committed, `limit` ≤ 500 at a time. */
export async function renewalApplicationFeed(db: Db, query: FeedQuery): Promise<FeedResult<RenewalApplicationItem>> {
  const parsed = parseFeedQuery(query);
  if (!parsed.ok) return parsed;
  return feedPage(await feedRows(db, parsed.after, parsed.limit), parsed.after, applicationItemOf);
}

export async function findRenewalApplication(db: Db, receptionNumber: string, scope: AgencyScope): Promise<RenewalApplicationItem | null> {
  const row = await findApplication(db, receptionNumber, scope);
  return row ? applicationItemOf(row) : null;
}

export async function renewalApplicationList(db: Db, scope: AgencyScope, filter: ApplicationFilter): Promise<ListPage<RenewalApplicationItem>> {
  const { rows, total } = await listApplications(db, scope, filter);
  return { items: rows.map(applicationItemOf), total };
}

export type AcknowledgeResult = { kind: 'acknowledged'; item: RenewalApplicationItem } | { kind: 'already'; item: RenewalApplicationItem } | { kind: 'not_found' };

/** 取込済: the core system (or staff) took it in. Idempotent: a second call changes nothing and says so. */
export async function acknowledgeRenewalApplication(db: Db, receptionNumber: string, actor: Actor, now: Date, ip: string | null = null): Promise<AcknowledgeResult> {
  const changed = await db.transaction().execute(async (trx) => {
    const before = await findApplication(trx, receptionNumber, { agencyCode: null });
    if (!before) return null;
    const marked = await markAcknowledged(trx, receptionNumber, now.toISOString(), actor.kind, actor.id);
    if (marked) {
      await recordAudit(trx, now, {
        kind: 'renewal_application_acknowledged',
        actor,
        customerId: before.customer_id,
        subject: { kind: 'renewal_application', id: receptionNumber },
        ip,
        detail: { before: { acknowledged_at: null }, after: { acknowledged_at: now.toISOString() } },
      });
    }
    return marked;
  });
  if (changed === null) return { kind: 'not_found' };
  const item = (await findRenewalApplication(db, receptionNumber, { agencyCode: null }))!;
  return { kind: changed ? 'acknowledged' : 'already', item };
}
