import type { PageContext } from '../../platform/ui/page-context.js';
import type { MyPageData } from '../policies/customer-policies.js';

/** The customer's agencies, each once, with a link to its page. */
export function Agencies({ data }: { data: MyPageData }) {
  const agencies = new Map(data.policies.map((p) => [p.agency_code, p.agency_name]));
  if (agencies.size === 0) return null;
  return (
    <div class="agencies">
      <h3>ご契約の取扱代理店</h3>
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
  return (
    <p>
      次のお手続きは、ご契約の取扱代理店または{ctx.brand.name} {ctx.brand.deskName}（{ctx.brand.deskPhone}、受付時間は下記のとおり）で承ります。
    </p>
  );
}
