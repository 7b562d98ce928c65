import type { FastifyPluginAsync } from 'fastify';
import type { FeatureOptions } from '../platform/deps.js';
import { agencyHomeRoutes } from './agency-home/routes.js';
import { devMailboxRoutes } from './dev-mailbox/routes.js';
import { loginRoutes } from './login/routes.js';
import { policyRoutes } from './mypage/policy-routes.js';
import { mypageRoutes } from './mypage/routes.js';
import { recoveryRoutes } from './recovery/routes.js';
import { registrationRoutes } from './registration/routes.js';
import { renewalRoutes } from './renewal/routes.js';
import { settingsRoutes } from './settings/routes.js';
import { siteRoutes } from './site/routes.js';

/** Every feature's routes, in the order they are registered. */
export const featureRoutes: Array<FastifyPluginAsync<FeatureOptions>> = [agencyHomeRoutes, siteRoutes, devMailboxRoutes, loginRoutes, mypageRoutes, registrationRoutes, recoveryRoutes, policyRoutes, settingsRoutes, renewalRoutes];
