import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { BrandLogo } from '../../config.js';

/** Where the page header finds the configured logo (BRAND_LOGO_FILE). */
export const BRAND_LOGO_PATH = '/brand-logo';

/**
 * Serves the logo file read once at start (at most 512 KiB, checked by the config). An SVG opened
 * on its own runs nothing: its answer carries a CSP that allows no script.
 */
export function registerBrandLogo(app: FastifyInstance, logo: BrandLogo): void {
  const body = readFileSync(logo.file);
  app.get(BRAND_LOGO_PATH, (_request, reply) =>
    reply
      .type(logo.type)
      .header('cache-control', 'public, max-age=86400')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'")
      .send(body),
  );
}
