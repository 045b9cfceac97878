import fs from 'node:fs';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { scopeIncludes } from '../handoff/areaScope.js';
import type { HandoffEvents } from '../handoff/HandoffEvents.js';
import { HANDOFF_OUTCOMES, HandoffConflictError, type HandoffService, type HandoffSession } from '../handoff/HandoffService.js';
import { jsonBody, sendError, type JsonRequest } from '../http/jsonBody.js';
import { LOCALES, readLocaleNamespace } from '../i18n.js';
import { projectPath } from '../projectRoot.js';
import type { AuditLog } from './AuditLog.js';
import { counselorChangeSchema, DuplicateAccountError, newCounselorSchema, scopeOf, type Counselor, type CounselorAccounts } from './CounselorAccounts.js';
import { authenticated, sessionCookie, type InboxIdentity } from './inboxAuth.js';
import { streamInboxEvents } from './inboxEventStream.js';
import type { InboxSessions } from './InboxSessions.js';
import type { LoginThrottle } from './LoginThrottle.js';
import { mountPublicAssets, PAGE_HEADERS, PUBLIC_DIR } from './mountPublicAssets.js';
import { unknownAccountHash, verifyPassword } from './passwordHash.js';
import type { InboxReport, ReportDesk } from './ReportDesk.js';

/** What the inbox is built from. */
export interface InboxDeps {
  readonly handoff: HandoffService;
  readonly events: HandoffEvents;
  readonly accounts: CounselorAccounts;
  readonly sessions: InboxSessions;
  readonly throttle: LoginThrottle;
  readonly audit: AuditLog;
  readonly sessionLifetimeMs: number;
  readonly secureCookies: boolean | undefined;
  /** The reports service, connected at merge with the safety branch. */
  readonly reports?: ReportDesk;
}

const ASSETS: Record<string, string> = { 'inbox.js': 'text/javascript; charset=utf-8', 'inboxPage.js': 'text/javascript; charset=utf-8', 'inbox.css': 'text/css; charset=utf-8' };

const loginSchema = z.object({ username: z.string().max(100), password: z.string().max(200) });
const textSchema = z.object({ text: z.string().trim().min(1).max(2000) });
const closeSchema = z.object({ outcome: z.enum(HANDOFF_OUTCOMES) });
const transferSchema = z.union([
  z.object({ counselorId: z.string().min(1).max(100) }),
  z.object({ areaCode: z.string().regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/) }),
]);
const linkSchema = z.object({ reportId: z.string().min(1).max(100) });
const statusSchema = z.object({ status: z.string().min(1).max(50), outcomes: z.array(z.string().min(1).max(50)).max(20).optional() });

function clientIp(req: Request): string {
  // The socket's address: X-Forwarded-For is not trusted, since anyone can send it.
  return req.socket.remoteAddress ?? 'unknown';
}

/** A route parameter as text ("" when absent). */
export function param(req: Request, name: string): string {
  return String((req.params as Record<string, unknown>)[name] ?? '');
}

/** Parses a JSON body with a schema; answers 400 and returns undefined when it does not fit. */
export function parseBody<T>(req: Request, res: Response, schema: z.ZodType<T>): T | undefined {
  return parseWith(res, schema, (req as JsonRequest).body, 'invalid_body', 'body');
}

/** Parses the query string with a schema; answers 400 and returns undefined when it does not fit. */
export function parseQuery<T>(req: Request, res: Response, schema: z.ZodType<T>): T | undefined {
  // The server has no query parser plugin: read the query string here.
  return parseWith(res, schema, Object.fromEntries(new URL(req.url ?? '', 'http://localhost').searchParams), 'invalid_query', 'query');
}

function parseWith<T>(res: Response, schema: z.ZodType<T>, input: unknown, code: string, whole: string): T | undefined {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    sendError(res, 400, code, parsed.error.issues.map((issue) => `${issue.path.join('.') || whole}: ${issue.message}`).join('; '));
    return undefined;
  }
  return parsed.data;
}

function sessionJson(session: HandoffSession) {
  return {
    id: session.id,
    channel: session.channel,
    areaCode: session.areaCode,
    state: session.state,
    danger: session.danger,
    counselorId: session.counselorId,
    locale: session.locale,
    reportId: session.reportId,
    outcome: session.outcome,
    requestedAt: session.requestedAt,
    claimedAt: session.claimedAt,
  };
}

function counselorJson(counselor: Counselor) {
  return { id: counselor.id, username: counselor.username, displayName: counselor.displayName, role: counselor.role, areaCodes: counselor.areaCodes, province: counselor.province, active: counselor.active };
}

/** Supervisors and admins may act on any conversation they can see, a counselor only on their own. */
function mayAct(counselor: Counselor, session: HandoffSession): boolean {
  return counselor.role !== 'counselor' || session.counselorId === counselor.id;
}

/**
 * The counselor inbox at `/inbox`: the page and its JSON API (login, queue, claim, transcript,
 * reply, notes, close, transfer, reports, accounts, audit log) and the live event stream.
 */
export function mountInbox(server: Server, deps: InboxDeps): void {
  const { handoff, accounts, audit } = deps;
  const auth = (handler: (req: Request, res: Response, who: InboxIdentity) => Promise<void>) => authenticated(deps, handler);

  /** Loads a session the viewer may see: 404 when missing, 403 outside their areas. */
  const visibleSession = async (req: Request, res: Response, who: InboxIdentity): Promise<HandoffSession | undefined> => {
    const session = await handoff.find(param(req, 'id'));
    if (!session) {
      sendError(res, 404, 'not_found', 'No such conversation.');
      return undefined;
    }
    if (!scopeIncludes(scopeOf(who.counselor), session.areaCode)) {
      sendError(res, 403, 'forbidden', 'This conversation is outside your areas.');
      return undefined;
    }
    return session;
  };
  /** Like {@link visibleSession}, and the viewer must be allowed to act on it. */
  const actionableSession = async (req: Request, res: Response, who: InboxIdentity): Promise<HandoffSession | undefined> => {
    const session = await visibleSession(req, res, who);
    if (session && !mayAct(who.counselor, session)) {
      sendError(res, 403, 'forbidden', 'Another counselor has this conversation.');
      return undefined;
    }
    return session;
  };
  const conflict = (res: Response, error: unknown): void => {
    if (!(error instanceof HandoffConflictError)) throw error;
    sendError(res, 409, 'conflict', 'The conversation has changed meanwhile; reload it.');
  };

  // The page and its texts are read once, at start-up.
  const indexPage = fs.readFileSync(`${PUBLIC_DIR}/index.html`);
  const canned = (lang: string): unknown => JSON.parse(fs.readFileSync(projectPath('content', 'handoff', 'canned-replies', `${lang}.json`), 'utf8'));
  const texts = new Map<string, unknown>(LOCALES.map((lang) => [lang, { texts: readLocaleNamespace(lang, 'inbox'), canned: canned(lang) }]));
  server.get('/inbox', async (_req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...PAGE_HEADERS });
    res.end(indexPage);
  });
  mountPublicAssets(server, '/inbox/assets', ASSETS);
  server.get('/inbox/api/texts/:lang', async (req: Request, res: Response) => {
    const body = texts.get(param(req, 'lang'));
    if (!body) return sendError(res, 404, 'not_found', 'No such language.');
    res.json(body);
  });

  server.post('/inbox/api/login', jsonBody(), async (req: Request, res: Response) => {
    const body = parseBody(req, res, loginSchema);
    if (!body) return;
    const account = body.username.trim().toLowerCase();
    const ip = clientIp(req);
    if (await deps.throttle.isBlocked(account, ip)) {
      res.header('retry-after', '900');
      return sendError(res, 429, 'too_many_attempts', 'Too many failed logins; try again in 15 minutes.');
    }
    const found = await accounts.forLogin(account);
    const ok = await verifyPassword(body.password, found?.passwordHash ?? (await unknownAccountHash()));
    await deps.throttle.record(account, ip, ok && !!found);
    if (!ok || !found) return sendError(res, 401, 'bad_credentials', 'Wrong username or password.');
    const { token, session } = await deps.sessions.open(found.counselor.id);
    res.header('set-cookie', sessionCookie(req, token, deps.sessionLifetimeMs / 1000, deps.secureCookies));
    res.json({ counselor: counselorJson(found.counselor), csrfToken: session.csrfToken, expiresAt: session.expiresAt });
  });

  server.post('/inbox/api/logout', jsonBody(), auth(async (req, res, who) => {
    await deps.sessions.close(who.token);
    res.header('set-cookie', sessionCookie(req, '', 0, deps.secureCookies));
    res.json({ ok: true });
  }));

  server.get('/inbox/api/me', auth(async (_req, res, who) => {
    res.json({ counselor: counselorJson(who.counselor), csrfToken: who.session.csrfToken, expiresAt: who.session.expiresAt });
  }));

  server.get('/inbox/api/queue', auth(async (_req, res, who) => {
    const sessions = await handoff.listOpen(scopeOf(who.counselor));
    res.json({ sessions: sessions.map(sessionJson) });
  }));

  server.get('/inbox/api/events', auth(async (req, res, who) => {
    const stillLoggedIn = async () => !!(await deps.sessions.find(who.token)) && !!(await accounts.find(who.counselor.id));
    streamInboxEvents(req, res, { events: deps.events, scope: scopeOf(who.counselor), expiresAt: who.session.expiresAt, stillLoggedIn });
  }));

  server.get('/inbox/api/sessions/:id', auth(async (req, res, who) => {
    const session = await visibleSession(req, res, who);
    if (!session) return;
    await record(who, 'transcript.view', 'session', session.id);
    res.json({ session: sessionJson(session), transcript: await handoff.transcript(session.id) });
  }));

  /** Loads a report the viewer may see: 501 without a reports service, 404, 403 outside their areas. */
  const visibleReport = async (res: Response, who: InboxIdentity, id: string): Promise<{ desk: ReportDesk; report: InboxReport } | undefined> => {
    if (!deps.reports) return void sendError(res, 501, 'not_configured', 'Reports are not available on this server.');
    const report = await deps.reports.find(id);
    if (!report) return void sendError(res, 404, 'not_found', 'No such report.');
    if (!scopeIncludes(scopeOf(who.counselor), report.areaCode)) return void sendError(res, 403, 'forbidden', 'This report is outside your areas.');
    return { desk: deps.reports, report };
  };

  /**
   * A state-changing route on one conversation: loads it with `load` (404/403), parses the body
   * with `schema` (400), and answers 409 when the conversation changed meanwhile.
   */
  const sessionRoute = <T>(
    load: typeof visibleSession,
    schema: z.ZodType<T>,
    handler: (session: HandoffSession, body: T, who: InboxIdentity, res: Response) => Promise<void>,
  ) =>
    auth(async (req, res, who) => {
      const session = await load(req, res, who);
      if (!session) return;
      const body = parseBody(req, res, schema);
      if (body === undefined) return;
      try {
        await handler(session, body, who, res);
      } catch (error) {
        conflict(res, error);
      }
    });
  const record = (who: InboxIdentity, action: string, subjectType: 'session' | 'report', subjectId: string) =>
    audit.write({ counselorId: who.counselor.id, action, subjectType, subjectId });

  server.post('/inbox/api/sessions/:id/claim', jsonBody(), sessionRoute(visibleSession, z.object({}), async (session, _body, who, res) => {
    const claimed = await handoff.claim(session.id, who.counselor.id);
    await record(who, 'session.claim', 'session', session.id);
    res.json({ session: sessionJson(claimed) });
  }));

  server.post('/inbox/api/sessions/:id/messages', jsonBody(), sessionRoute(visibleSession, textSchema, async (session, body, who, res) => {
    // Only the counselor who has the conversation speaks in it.
    if (session.counselorId !== who.counselor.id) return sendError(res, 403, 'forbidden', 'Claim the conversation first.');
    await handoff.reply(session, who.counselor.id, body.text);
    res.json({ ok: true });
  }));

  server.post('/inbox/api/sessions/:id/notes', jsonBody(), sessionRoute(visibleSession, textSchema, async (session, body, who, res) => {
    await handoff.addNote(session, who.counselor.id, body.text);
    res.json({ ok: true });
  }));

  server.post('/inbox/api/sessions/:id/close', jsonBody(), sessionRoute(actionableSession, closeSchema, async (session, body, who, res) => {
    await handoff.close(session, body.outcome);
    await record(who, `session.close.${body.outcome}`, 'session', session.id);
    res.json({ ok: true });
  }));

  server.post('/inbox/api/sessions/:id/transfer', jsonBody(), sessionRoute(actionableSession, transferSchema, async (session, body, who, res) => {
    if ('counselorId' in body) {
      const target = await accounts.find(body.counselorId);
      if (!target || !scopeIncludes(scopeOf(target), session.areaCode)) {
        return sendError(res, 422, 'not_eligible', 'That counselor does not serve this area.');
      }
    }
    const moved = await handoff.transfer(session, body);
    await record(who, 'session.transfer', 'session', session.id);
    res.json({ session: sessionJson(moved) });
  }));

  server.post('/inbox/api/sessions/:id/report', jsonBody(), sessionRoute(actionableSession, linkSchema, async (session, body, who, res) => {
    const found = await visibleReport(res, who, body.reportId);
    if (!found) return;
    await handoff.linkReport(session, found.report.id);
    await record(who, 'report.link', 'report', found.report.id);
    res.json({ ok: true });
  }));

  server.get('/inbox/api/reports/:id', auth(async (req, res, who) => {
    const found = await visibleReport(res, who, param(req, 'id'));
    if (!found) return;
    await record(who, 'report.view', 'report', found.report.id);
    res.json({ report: found.report, statuses: found.desk.statuses, outcomes: found.desk.outcomes ?? [] });
  }));

  server.post('/inbox/api/reports/:id/status', jsonBody(), auth(async (req, res, who) => {
    const body = parseBody(req, res, statusSchema);
    if (!body) return;
    const found = await visibleReport(res, who, param(req, 'id'));
    if (!found) return;
    const { desk, report } = found;
    if (!desk.statuses.includes(body.status)) return sendError(res, 400, 'invalid_body', 'Unknown status.');
    // Outcomes describe how a report ended: only with `closed`, only the desk's own.
    const outcomes = body.status === 'closed' ? [...new Set(body.outcomes ?? [])] : [];
    if (outcomes.some((outcome) => !desk.outcomes?.includes(outcome))) return sendError(res, 400, 'invalid_body', 'Unknown outcome.');
    await desk.setStatus(report.id, body.status, who.counselor.id, outcomes);
    await record(who, `report.status.${body.status}`, 'report', report.id);
    for (const outcome of outcomes) await record(who, `report.outcome.${outcome}`, 'report', report.id);
    res.json({ ok: true });
  }));

  server.get('/inbox/api/counselors', auth(async (_req, res, who) => {
    // Everyone sees the colleagues they could transfer to; admins see every account in full.
    const all = await accounts.list();
    const visible = who.counselor.role === 'admin' ? all : all.filter((c) => c.active && c.areaCodes.some((code) => scopeIncludes(scopeOf(who.counselor), code)));
    res.json({ counselors: visible.map((c) => (who.counselor.role === 'admin' ? counselorJson(c) : { id: c.id, displayName: c.displayName, areaCodes: c.areaCodes })) });
  }));

  server.post('/inbox/api/counselors', jsonBody(), auth(async (req, res, who) => {
    if (who.counselor.role !== 'admin') return sendError(res, 403, 'forbidden', 'Only admins manage accounts.');
    const body = parseBody(req, res, newCounselorSchema);
    if (!body) return;
    try {
      const created = await accounts.create(body);
      await audit.write({ counselorId: who.counselor.id, action: 'counselor.create', subjectType: 'counselor', subjectId: created.id });
      res.status(201);
      res.json({ counselor: counselorJson(created) });
    } catch (error) {
      if (!(error instanceof DuplicateAccountError)) throw error;
      sendError(res, 409, 'conflict', 'That username is taken.');
    }
  }));

  server.post('/inbox/api/counselors/:id', jsonBody(), auth(async (req, res, who) => {
    if (who.counselor.role !== 'admin') return sendError(res, 403, 'forbidden', 'Only admins manage accounts.');
    const body = parseBody(req, res, counselorChangeSchema);
    if (!body) return;
    const updated = await accounts.update(param(req, 'id'), body);
    if (!updated) return sendError(res, 404, 'not_found', 'No such account.');
    await audit.write({ counselorId: who.counselor.id, action: 'counselor.update', subjectType: 'counselor', subjectId: updated.id });
    res.json({ counselor: counselorJson(updated) });
  }));

  server.get('/inbox/api/audit', auth(async (_req, res, who) => {
    if (who.counselor.role !== 'admin') return sendError(res, 403, 'forbidden', 'Only admins read the audit log.');
    res.json({ entries: await audit.recent() });
  }));
}
