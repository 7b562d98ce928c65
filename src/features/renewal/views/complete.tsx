import { Entries } from '../../../platform/ui/form.js';
import { formatDate, formatDateTime } from '../../../platform/ui/i18n/format.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import type { RenewalApplicationTable } from '../../../platform/db/schema.js';
import { contractMessages, renewalMessages, reviewMessages } from '../messages.js';
import { StepPage } from './common.js';

/** STEP 7 完了: the 受付番号, the mail, the PDF and the way home. */
export function CompletePage({ ctx, application, policyRef, mailTo }: { ctx: PageContext; application: RenewalApplicationTable; policyRef: string; mailTo: string | null }) {
  const n = application.policy_number;
  const { locale } = ctx;
  const m = reviewMessages.of(locale);
  return (
    <StepPage ctx={ctx} step="completed" policyNumber={n}>
      <p class="lead">{m.received}</p>
      <dl class="reception-box">
        <dt>{renewalMessages.of(locale).receptionNumber}</dt>
        <dd class="reception-number">{application.reception_number}</dd>
      </dl>
      <Entries
        rows={[
          [m.receivedAt, formatDateTime(locale, new Date(application.created_at))],
          [m.newTerm, contractMessages.of(locale).termRange({ start: formatDate(locale, application.new_start_date), end: formatDate(locale, application.new_end_date) })],
        ]}
      />
      <p>{m.keepNumber}</p>
      {mailTo ? <p>{m.mailSent({ to: mailTo })}</p> : null}
      <p>{m.pdfLead}</p>
      <div class="actions">
        <a class="button primary" href={`/renewal/${policyRef}/application.pdf`} download>
          {m.downloadPdf}
        </a>
        <a class="button" href="/mypage">
          {m.home}
        </a>
      </div>
    </StepPage>
  );
}
