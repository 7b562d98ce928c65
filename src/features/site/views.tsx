import type { ComponentChildren } from 'preact';
import { Layout } from '../../platform/ui/layout.js';
import type { PageContext } from '../../platform/ui/page-context.js';
import { siteMessages, termsMessages } from './messages.js';

/**
 * A row heading's words kept whole: th may break anywhere (style.css), which a narrow column on a
 * phone does to English words (Compu/ter); Japanese is left as it is.
 */
function Words({ text, locale }: { text: string; locale: PageContext['locale'] }) {
  if (locale === 'ja') return <>{text}</>;
  const words = text.split(' ');
  return (
    <>
      {words.map((word, i) => (
        <>
          <span class="nowrap">{word}</span>
          {i < words.length - 1 ? ' ' : null}
        </>
      ))}
    </>
  );
}

/** 推奨環境: what a customer's device needs, and when the service is available. */
export function EnvironmentPage({ ctx, serviceHours }: { ctx: PageContext; serviceHours: string }) {
  const m = siteMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.environmentTitle}>
      <h1>{m.environmentTitle}</h1>
      <p>{m.environmentIntro}</p>
      <h2>{m.browsers}</h2>
      <table class="spec">
        <thead>
          <tr>
            <th scope="col">{m.device}</th>
            <th scope="col">{m.browser}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">
              <Words text={m.computer} locale={ctx.locale} />
            </th>
            <td>{m.computerBrowsers}</td>
          </tr>
          <tr>
            <th scope="row">
              <Words text={m.phone} locale={ctx.locale} />
            </th>
            <td>{m.phoneBrowsers}</td>
          </tr>
        </tbody>
      </table>
      <h2>{m.settings}</h2>
      <ul>
        <li>{m.cookies}</li>
        <li>{m.javascript}</li>
        <li>{m.updates}</li>
      </ul>
      <h2 id="service-hours">{m.serviceHours}</h2>
      <p>{serviceHours}</p>
      <p class="hint">{m.maintenanceNote}</p>
    </Layout>
  );
}

function Article({ ctx, n, title, children }: { ctx: PageContext; n: number; title: string; children: ComponentChildren }) {
  return (
    <section class="terms-article">
      <h2>{termsMessages.of(ctx.locale).article({ n, title })}</h2>
      {children}
    </section>
  );
}

// A brand-neutral starting text: each insurer replaces these terms with its own, reviewed by its legal department.
/** 利用規約 */
export function TermsPage({ ctx }: { ctx: PageContext }) {
  const m = termsMessages.of(ctx.locale);
  return (
    <Layout ctx={ctx} title={m.title}>
      <h1>{m.heading}</h1>
      <p>{m.preamble({ company: ctx.brand.companyName })}</p>
      <Article ctx={ctx} n={1} title={m.purposeTitle}>
        <p>{m.purpose}</p>
      </Article>
      <Article ctx={ctx} n={2} title={m.registrationTitle}>
        <ol>
          <li>{m.registration1}</li>
          <li>{m.registration2}</li>
          <li>{m.registration3}</li>
        </ol>
      </Article>
      <Article ctx={ctx} n={3} title={m.credentialsTitle}>
        <ol>
          <li>{m.credentials1}</li>
          <li>{m.credentials2}</li>
          <li>{m.credentials3}</li>
        </ol>
      </Article>
      <Article ctx={ctx} n={4} title={m.prohibitedTitle}>
        <p>{m.prohibitedIntro}</p>
        <ol>
          <li>{m.prohibited1}</li>
          <li>{m.prohibited2}</li>
          <li>{m.prohibited3}</li>
          <li>{m.prohibited4}</li>
        </ol>
      </Article>
      <Article ctx={ctx} n={5} title={m.suspensionTitle}>
        <ol>
          <li>{m.suspension1}</li>
          <li>{m.suspension2}</li>
        </ol>
      </Article>
      <Article ctx={ctx} n={6} title={m.disclaimerTitle}>
        <ol>
          <li>{m.disclaimer1}</li>
          <li>{m.disclaimer2}</li>
        </ol>
      </Article>
      <Article ctx={ctx} n={7} title={m.privacyTitle}>
        <p>{m.privacy}</p>
      </Article>
      <Article ctx={ctx} n={8} title={m.changesTitle}>
        <p>{m.changes}</p>
      </Article>
      <p class="terms-footer">{m.end}</p>
    </Layout>
  );
}
