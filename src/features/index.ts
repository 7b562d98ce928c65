import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../platform/http/context.js';

export interface FeatureOptions {
  deps: AppDeps;
}

/** Every feature's routes, in the order they are registered. */
export const featureRoutes: Array<FastifyPluginAsync<FeatureOptions>> = [];
