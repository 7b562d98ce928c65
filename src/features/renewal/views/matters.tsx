import type { FieldErrors } from '../../../platform/ui/form.js';
import { Checkbox, Entries, ErrorSummary, PostForm, SubmitButton } from '../../../platform/ui/form.js';
import type { Locale } from '../../../platform/ui/i18n/locale.js';
import type { PageContext } from '../../../platform/ui/page-context.js';
import { coverageRows } from '../coverage.js';
import { renewalPlace } from '../flow.js';
import { confirmationsIn } from '../forms.js';
import { mattersMessages, renewalMessages } from '../messages.js';
import type { MattersBlock } from '../important-matters.js';
import type { Coverage } from '../../renewal/rating/index.js';
import type { Renewal } from '../service.js';
import { BackLink, HiddenRevision, StepPage } from './common.js';

export function ImportantMattersText({ blocks, locale = 'ja' }: { blocks: MattersBlock[]; locale?: Locale }) {
  return (
    <section class="important-matters" aria-labelledby="matters-heading" tabIndex={0}>
      <h3 id="matters-heading">{mattersMessages.of(locale).heading}</h3>
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
  const { locale } = ctx;
  const m = mattersMessages.of(locale);
  return (
    <StepPage ctx={ctx} step="matters" policyNumber={n}>
      {notice ? <p class="notice">{notice}</p> : null}
      <p>{m.lead}</p>
      <ImportantMattersText blocks={blocks} locale={locale} />
      <h3>{m.chosenCoverage}</h3>
      <Entries rows={coverageRows(coverage, locale)} />
      <PostForm action={renewalPlace(renewal.ref, 'matters')} csrf={ctx.csrf}>
        <HiddenRevision revision={renewal.flow?.data.revision ?? 0} />
        <ErrorSummary errors={errors} />
        <fieldset class="confirmations">
          <legend>{m.legend}</legend>
          {confirmationsIn(locale).map((c) => (
            <Checkbox name={c.name} label={c.label} checked={checked.has(c.name)} error={errors?.[c.name]} />
          ))}
        </fieldset>
        <div class="actions">
          <SubmitButton>{renewalMessages.of(locale).next}</SubmitButton>
          <BackLink policyRef={renewal.ref} step="premium" label={m.back} />
        </div>
      </PostForm>
    </StepPage>
  );
}
