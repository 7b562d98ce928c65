import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_COOKIE_DAYS, rememberDevice } from '../auth/devices.js';
import type { AppDeps } from '../deps.js';
import { cookieName, cookieOptions } from './cookies.js';

// The long-lived device cookie: a browser that logged in before (platform/auth/devices.ts).
const DEVICE_COOKIE_SECONDS = DEVICE_COOKIE_DAYS * 86_400;
const deviceCookie = (deps: AppDeps) => cookieName(deps.config, 'keizoku_device');

/** The device cookie the browser sent, if any. */
export const sentDeviceToken = (deps: AppDeps, request: FastifyRequest): string | null => request.cookies[deviceCookie(deps)] ?? null;

/** (Re)sets the device cookie on this browser. */
export function setDeviceCookie(deps: AppDeps, reply: FastifyReply, token: string): void {
  reply.setCookie(deviceCookie(deps), token, cookieOptions(deps.config, DEVICE_COOKIE_SECONDS));
}

/** After a flow that ends logged in: this browser is the customer's from now on (no login notice next time). */
export async function rememberThisBrowser(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, customerId: string): Promise<void> {
  setDeviceCookie(deps, reply, await rememberDevice(deps.db, customerId, sentDeviceToken(deps, request), deps.clock.now()));
}
