// What the 申込内容確認書 says, built from the stored application alone (the flow may be gone),
// in the language asked for (the console's copy is Japanese).
import { brandIn, type BrandConfig } from '../../config.js';
import type { RenewalApplicationTable } from '../../platform/db/schema.js';
import { formatDate, formatDateTime } from '../../platform/ui/i18n/format.js';
import type { Locale } from '../../platform/ui/i18n/locale.js';
import { coverageRows } from './coverage.js';
import type { PlanId } from './flow.js';
import { confirmationsIn } from './forms.js';
import { contractMessages, documentMessages, premiumMessages, renewalMessages, reviewMessages } from './messages.js';
import type { ApplicationPdf } from './pdf.js';
import { LABELS, valueWords, type Coverage, type VehicleClass } from './rating/index.js';
import type { RenewalPolicy } from './repository.js';
import { yen } from './views/common.js';
import { paymentWords } from './views/contract.js';
import { planName } from './views/plans.js';

interface StoredConfirmation {
  key: string;
  text: string;
  at: string;
}

const vehicleClassWords = (code: string | null, locale: Locale): string =>
  code && Object.hasOwn(LABELS.vehicleClass, code) ? valueWords.vehicleClass(code as VehicleClass, locale) : '-';

const isPlan = (plan: string): plan is PlanId => ['same', 'recommended', 'economy', 'custom'].includes(plan);

/** The sentence confirmed: as stored (Japanese), or the same confirmation in the document's language. */
const confirmationText = (c: StoredConfirmation, locale: Locale): string =>
  locale === 'ja' ? c.text : (confirmationsIn(locale).find((known) => known.key === c.key)?.label ?? c.text);

export function applicationDocument(configured: BrandConfig, application: RenewalApplicationTable, policy: RenewalPolicy, locale: Locale = 'ja'): ApplicationPdf {
  const brand = brandIn(configured, locale);
  const m = documentMessages.of(locale);
  const c = contractMessages.of(locale);
  const p = premiumMessages.of(locale);
  const r = renewalMessages.of(locale);
  const date = (iso: string) => formatDate(locale, iso);
  const coverage = JSON.parse(application.coverage) as Coverage;
  const confirmations = JSON.parse(application.confirmations) as StoredConfirmation[];
  const createdAt = new Date(application.created_at);
  const monthly = application.payment_frequency === 'monthly' && application.monthly_premium !== null;
  return {
    title: m.title,
    author: brand.companyName,
    createdAt,
    lang: locale === 'ja' ? 'ja-JP' : 'en',
    lead: [`${brand.companyName}`, m.reception({ n: application.reception_number }), m.receivedAt({ at: formatDateTime(locale, createdAt) })],
    sections: [
      {
        title: m.policy,
        rows: [
          [m.product, m.productValue],
          [r.policyNumber, application.policy_number],
          [m.holder, c.holderName({ family: policy.holder_family_name, given: policy.holder_given_name })],
          [c.term, m.termValue({ start: date(application.new_start_date), end: date(application.new_end_date) })],
          [r.agency, policy.agency_name],
        ],
      },
      {
        title: c.car,
        rows: [
          [c.model, policy.vehicle_model ?? '-'],
          [c.registration, policy.vehicle_registration ?? '-'],
          [c.vehicleClass, vehicleClassWords(policy.vehicle_class, locale)],
        ],
      },
      { title: m.coverage({ plan: isPlan(application.plan) ? planName(application.plan, locale) : application.plan }), rows: coverageRows(coverage, locale) },
      {
        title: m.premium,
        rows: [
          [c.annualPremium, yen(application.annual_premium, locale)],
          ...(monthly
            ? [[m.monthlyLabel, m.monthlyValue({ instalment: yen(application.monthly_premium as number, locale), total: yen(application.total_payable, locale) })] as [string, string]]
            : []),
          [c.grade, p.grade({ grade: application.next_grade })],
          [c.accidentYears, p.years({ years: application.next_accident_coefficient_years })],
        ],
      },
      {
        title: m.payment,
        rows: [
          [m.payment, `${paymentWords(application.payment_method, locale)}${application.payment_method_changed ? m.methodChanged : ''}`],
          [reviewMessages.of(locale).frequency, monthly ? m.frequencyMonthly : m.frequencyAnnual],
        ],
      },
      { title: m.confirmations, labelWidth: 290, rows: confirmations.map((given) => [confirmationText(given, locale), m.confirmedAt({ at: formatDateTime(locale, new Date(given.at)) })]) },
    ],
    footer: [
      m.notPolicy,
      ...(application.payment_method_changed ? [m.paymentChange] : []),
      m.contact({ company: brand.companyName, desk: brand.deskName, phone: brand.deskPhone, open: brand.deskOpen.replace(/^0/, ''), close: brand.deskClose.replace(/^0/, '') }),
    ],
  };
}
