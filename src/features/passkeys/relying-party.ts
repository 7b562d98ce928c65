import type { Config } from '../../config.js';

/** The WebAuthn relying party: RP ID is BASE_URL's host, the only origin accepted is BASE_URL's (decision 0022). */
export interface RelyingParty {
  id: string;
  name: string;
  origin: string;
}

export function relyingParty(config: Config): RelyingParty {
  const url = new URL(config.baseUrl);
  return { id: url.hostname, name: `${config.brand.name} お客さまWebサービス`, origin: url.origin };
}
