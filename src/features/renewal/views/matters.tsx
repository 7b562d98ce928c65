import type { FieldErrors } from '../../../platform/ui/form.js';
import { Checkbox, Entries, ErrorSummary, PostForm, SubmitButton } from '../../../platform/ui/form.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import { coverageRows } from '../coverage.js';
import { renewalPlace } from '../flow.js';
import { CONFIRMATIONS } from '../forms.js';
import type { MattersBlock } from '../important-matters.js';
import type { Coverage } from '../../renewal/rating/index.js';
import type { Renewal } from '../service.js';
import { BackLink, HiddenRevision, StepPage } from './common.js';

export function ImportantMattersText({ blocks }: { blocks: MattersBlock[] }) {
  return (
    <section class="important-matters" aria-labelledby="matters-heading" tabIndex={0}>
      <h3 id="matters-heading">重要事項説明書（契約概要・注意喚起情報）</h3>
      {blocks.map((block) => (block.kind === 'heading' ? <h4>{block.text}</h4> : <p>{block.text}</p>))}
    </section>
  );
}

interface MattersPageProps {
  ctx: PageContext;
  renewal: Renewal;
  coverage: Coverage;
  blocks: MattersBlock[];
  /** Names of the boxes that were checked when the form comes back with errors. */
  checked: Set<string>;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
}

/** STEP 4 重要事項説明・意向確認: the text, the chosen conditions, and each confirmation as its own unchecked box. */
export function MattersPage({ ctx, renewal, coverage, blocks, checked, errors, notice }: MattersPageProps) {
  const n = renewal.policy.policy_number;
  return (
    <StepPage ctx={ctx} step="matters" policyNumber={n}>
      {notice ? <p class="notice">{notice}</p> : null}
      <p>ご契約の前に、重要事項説明書を必ずお読みください。あわせて、お選びいただいた補償内容がお客さまのご意向に沿っているかをご確認ください。</p>
      <ImportantMattersText blocks={blocks} />
      <h3>お選びいただいた補償内容</h3>
      <Entries rows={coverageRows(coverage)} />
      <PostForm action={renewalPlace(n, 'matters')} csrf={ctx.csrf}>
        <HiddenRevision revision={renewal.flow?.data.revision ?? 0} />
        <ErrorSummary errors={errors} />
        <fieldset class="confirmations">
          <legend>意向確認（すべての項目をご確認のうえ、チェックを入れてください）</legend>
          {CONFIRMATIONS.map((c) => (
            <Checkbox name={c.name} label={c.label} checked={checked.has(c.name)} error={errors?.[c.name]} />
          ))}
        </fieldset>
        <div class="actions">
          <SubmitButton>次へ</SubmitButton>
          <BackLink policyNumber={n} step="premium" label="保険料の確認に戻る" />
        </div>
      </PostForm>
    </StepPage>
  );
}
