import type { ComponentChildren } from 'preact';
import { NoBreakNumbers } from './no-break.js';
import { useLocale } from './i18n/context.js';
import { uiMessages } from './messages.js';

export const CsrfField = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

/** Field-level messages, keyed by the field's name. */
export type FieldErrors = Record<string, string>;

interface TextFieldProps {
  name: string;
  label: string;
  value?: string;
  error?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'date' | 'tel';
  hint?: string;
  autocomplete?: string;
  maxLength?: number;
  inputMode?: 'text' | 'email' | 'numeric' | 'latin';
  /** The control's id when one page has several fields of the same name (in different forms); default f-NAME. */
  id?: string;
}

/** Label, hint and message around one control; the control gets `id` and `aria-describedby`. */
function LabelledField({ name, label, hint, error, control, id: givenId }: {
  name: string;
  id?: string | undefined;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  control: (a11y: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => ComponentChildren;
}) {
  const id = givenId ?? `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p class="error" id={`${id}-error`} role="alert">{error}</p> : null}
      {control({ id, ...(error ? { 'aria-invalid': 'true' as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
    </div>
  );
}

export function TextField({ name, label, value, error, type = 'text', hint, autocomplete, maxLength, inputMode, id }: TextFieldProps) {
  return (
    <LabelledField
      id={id}
      name={name}
      label={label}
      hint={hint}
      error={error}
      control={(a11y) => (
        <input
          {...a11y}
          name={name}
          type={type}
          value={type === 'password' ? '' : (value ?? '')}
          autoComplete={autocomplete}
          maxLength={maxLength}
          inputMode={inputMode === 'latin' ? undefined : inputMode}
        />
      )}
    />
  );
}

/** Several lines of plain text (kept as typed, shown escaped). */
export function TextArea({ name, label, value, error, hint, maxLength, rows = 8 }: { name: string; label: string; value?: string; error?: string | undefined; hint?: string; maxLength?: number; rows?: number }) {
  return <LabelledField name={name} label={label} hint={hint} error={error} control={(a11y) => <textarea {...a11y} name={name} rows={rows} maxLength={maxLength} value={value ?? ''} />} />;
}

/** A drop-down; without a valid current value it starts at 選択してください. */
export function SelectField({ name, label, options, value, error, hint }: {
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
}) {
  const choose = uiMessages.of(useLocale()).choose;
  return (
    <LabelledField
      name={name}
      label={label}
      hint={hint}
      error={error}
      control={(a11y) => (
        <select {...a11y} name={name}>
          {value !== undefined && options.some((o) => o.value === value) ? null : <option value="">{choose}</option>}
          {options.map((o) => (
            <option value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export function Checkbox({ name, label, checked, error }: { name: string; label: string; checked?: boolean; error?: string | undefined }) {
  const id = `f-${name}`;
  return (
    <div class={error ? 'field checkbox has-error' : 'field checkbox'}>
      {error ? <p class="error" id={`${id}-error`} role="alert">{error}</p> : null}
      <input id={id} type="checkbox" name={name} value="1" checked={checked} aria-invalid={error ? 'true' : undefined} />
      <label for={id}>{label}</label>
    </div>
  );
}

/**
 * A summary at the top of a form that failed, so screen readers and phones see it first: each
 * problem is a link to its field (`#f-NAME`), and the summary takes the focus when the page opens
 * (autofocus on a tabindex=-1 box: no script needed). `id` lets a form's action URL jump to it.
 */
export function ErrorSummary({ errors, message, id = 'error-summary' }: { errors?: FieldErrors | undefined; message?: string | undefined; id?: string }) {
  const problems = errors ? Object.entries(errors) : [];
  const summary = uiMessages.of(useLocale()).errorSummary;
  if (!message && problems.length === 0) return null;
  return (
    <div class="error-summary-box" id={id} tabIndex={-1} autofocus>
      <div class="error-summary" role="alert">
        <p>{message ?? summary}</p>
        {problems.length ? (
          <ul>
            {problems.map(([name, text]) => (
              <li>
                <a href={`#f-${name}`}>{text}</a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

export function SubmitButton({ children, name, value }: { children: ComponentChildren; name?: string; value?: string }) {
  return (
    <button type="submit" class="button primary" name={name} value={value}>
      {children}
    </button>
  );
}

export function PostForm({ action, csrf, children }: { action: string; csrf: string; children: ComponentChildren }) {
  return (
    <form method="post" action={action} novalidate>
      <CsrfField token={csrf} />
      {children}
    </form>
  );
}

/** 1. お客さま情報の入力 2. 入力内容の確認 3. … with the current step marked. */
export function StepIndicator({ steps, current }: { steps: readonly string[]; current: number }) {
  const label = uiMessages.of(useLocale()).steps;
  return (
    <ol class="steps" aria-label={label}>
      {steps.map((label, i) => (
        <li class={i + 1 === current ? 'current' : i + 1 < current ? 'done' : ''} aria-current={i + 1 === current ? 'step' : undefined}>
          {`${i + 1}. ${label}`}
        </li>
      ))}
    </ol>
  );
}

/** A label/value table for confirmation screens. */
export function Entries({ rows }: { rows: Array<[string, string]> }) {
  return (
    <dl class="entries">
      {rows.map(([label, value]) => (
        <div class="entry">
          <dt>{label}</dt>
          <dd>
            <NoBreakNumbers text={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** One choice among a few, as radio buttons in a fieldset whose legend names the question. */
export function RadioGroup({ name, legend, options, value, error, hint }: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
}) {
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset id={id} class={error ? 'radio-group has-error' : 'radio-group'} aria-describedby={describedBy || undefined}>
      <legend>{legend}</legend>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p class="error" id={`${id}-error`} role="alert">{error}</p> : null}
      {options.map((o, i) => (
        <div class="choice">
          <input id={`${id}-${i + 1}`} type="radio" name={name} value={o.value} checked={o.value === value} />
          <label for={`${id}-${i + 1}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
