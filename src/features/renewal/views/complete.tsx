import { formatDateJa, formatDateTimeJa } from '../../../platform/clock.js';
import { Entries } from '../../../platform/ui/form.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import type { RenewalApplicationTable } from '../../../platform/db/schema.js';
import { StepPage } from './common.js';

/** STEP 7 完了: the 受付番号, the mail, the PDF and the way home. */
export function CompletePage({ ctx, application, mailTo }: { ctx: PageContext; application: RenewalApplicationTable; mailTo: string | null }) {
  const n = application.policy_number;
  return (
    <StepPage ctx={ctx} step="completed" policyNumber={n}>
      <p class="lead">継続手続のお申込みを受け付けました。</p>
      <dl class="reception-box">
        <dt>受付番号</dt>
        <dd class="reception-number">{application.reception_number}</dd>
      </dl>
      <Entries
        rows={[
          ['受付日時', formatDateTimeJa(new Date(application.created_at))],
          ['継続後の保険期間', `${formatDateJa(application.new_start_date)}～${formatDateJa(application.new_end_date)}`],
        ]}
      />
      <p>受付番号は、お問い合わせの際に必要となります。お控えください。</p>
      {mailTo ? <p>{`ご登録のメールアドレス（${mailTo}）に、お申込み受付のメールをお送りしました。`}</p> : null}
      <p>お申込内容は、申込内容確認書（PDF）でご確認・保存いただけます。</p>
      <div class="actions">
        <a class="button primary" href={`/renewal/${encodeURIComponent(n)}/application.pdf`} download>
          申込内容確認書（PDF）をダウンロード
        </a>
        <a class="button" href="/mypage">
          ホームへ
        </a>
      </div>
    </StepPage>
  );
}
