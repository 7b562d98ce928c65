import type { PageContext } from '../../platform/ui/page-context.js';
import type { MyPageData } from '../policies/customer-policies.js';
import { settingsMessages } from './messages.js';

/** The customer's agencies, each once, with a link to its page. */
export function Agencies({ ctx, data }: { ctx: PageContext; data: MyPageData }) {
  const agencies = new Map(data.policies.map((p) => [p.agency_code, p.agency_name]));
  if (agencies.size === 0) return null;
  return (
    <div class="agencies">
      <h3>{settingsMessages.of(ctx.locale).agenciesHeading}</h3>
      <ul>
        {[...agencies].map(([code, name]) => (
          <li>
            <a href={`/agency/${encodeURIComponent(code)}`}>{name}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ByAgencyOrDesk({ ctx }: { ctx: PageContext }) {
  return <p>{settingsMessages.of(ctx.locale).byAgencyOrDesk({ brand: ctx.brand.name, desk: ctx.brand.deskName, phone: ctx.brand.deskPhone })}</p>;
}
