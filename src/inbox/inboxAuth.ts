import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import { sendError } from '../http/jsonBody.js';
import type { Counselor, CounselorAccounts, CounselorRole } from './CounselorAccounts.js';
import type { InboxSession, InboxSessions } from './InboxSessions.js';

/** The session cookie: scoped to the inbox's paths. */
export const SESSION_COOKIE = 'inbox_session';
/** The header the page sends the CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

/** The logged-in counselor of a request. */
export interface InboxIdentity {
  readonly counselor: Counselor;
  readonly session: InboxSession;
  readonly token: string;
}

/** Reads one cookie from the Cookie header. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return decodeURIComponent(part.slice(separator + 1).trim());
  }
  return undefined;
}

/**
 * The Set-Cookie value of a session: HttpOnly (scripts cannot read it), SameSite=Strict (no other
 * site's page sends it), Secure when served over HTTPS.
 * @param secure - config `INBOX_SECURE_COOKIES`; undefined = Secure when the proxy says HTTPS.
 */
export function sessionCookie(req: Request, token: string, maxAgeSeconds: number, secure: boolean | undefined): string {
  const https = secure ?? req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
  return [`${SESSION_COOKIE}=${token}`, 'Path=/inbox', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, ...(https ? ['Secure'] : [])].join('; ');
}

/**
 * Wraps an inbox route: 401 without a live session, 403 when a state-changing request lacks the
 * session's CSRF token (synchronizer token, compared in constant time).
 */
export function authenticated(
  deps: { sessions: InboxSessions; accounts: CounselorAccounts },
  handler: (req: Request, res: Response, who: InboxIdentity) => Promise<void>,
) {
  return async (req: Request, res: Response): Promise<void> => {
    const token = readCookie(req, SESSION_COOKIE);
    const session = token ? await deps.sessions.find(token) : undefined;
    const counselor = session && (await deps.accounts.find(session.counselorId));
    if (!token || !session || !counselor) {
      sendError(res, 401, 'unauthenticated', 'Log in first.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const sent = Buffer.from(req.header(CSRF_HEADER) ?? '');
      const expected = Buffer.from(session.csrfToken);
      if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
        sendError(res, 403, 'csrf', 'Missing or wrong CSRF token.');
        return;
      }
    }
    await handler(req, res, { counselor, session, token });
  };
}

/**
 * Like {@link authenticated}, for the roles in `roles` only: 401 logged out, 403 with `refusal`
 * for any other role.
 */
export function authorized(
  deps: { sessions: InboxSessions; accounts: CounselorAccounts },
  roles: readonly CounselorRole[],
  refusal: string,
  handler: (req: Request, res: Response, who: InboxIdentity) => Promise<void>,
) {
  return authenticated(deps, async (req, res, who) => {
    if (!roles.includes(who.counselor.role)) return sendError(res, 403, 'forbidden', refusal);
    await handler(req, res, who);
  });
}
