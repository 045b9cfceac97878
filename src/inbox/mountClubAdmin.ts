import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { jsonBody, sendError } from '../http/jsonBody.js';
import { ClubAdminError, CLUB_FIELDS, type ClubAdmin, type ClubOverview } from '../reminders/ClubAdmin.js';
import type { AuditLog } from './AuditLog.js';
import type { CounselorAccounts } from './CounselorAccounts.js';
import { authorized, type InboxIdentity } from './inboxAuth.js';
import type { InboxSessions } from './InboxSessions.js';
import { param, parseBody } from './mountInbox.js';
import { mountInboxPage } from './mountInboxPage.js';

/** What the club pages are built from. */
export interface ClubAdminDeps {
  readonly admin: ClubAdmin;
  readonly sessions: InboxSessions;
  readonly accounts: CounselorAccounts;
  readonly audit: AuditLog;
  readonly now?: () => Date;
}

const text = (max: number) => z.string().trim().max(max).optional();
const newClubSchema = z.object(Object.fromEntries(CLUB_FIELDS.map((field) => [field, text(field === 'name' || field === 'place' ? 200 : 100)])) as Record<(typeof CLUB_FIELDS)[number], ReturnType<typeof text>>);
const moveSchema = z.object({ to: z.string().trim().min(1).max(20), time: text(5), place: text(200) });

function overviewJson(overview: ClubOverview) {
  const { club, ...figures } = overview;
  const { id, code, name, province, district, commune, village, active } = club;
  return { id, code, name, province, district, commune, village, active, ...figures };
}

/**
 * The inbox's club pages for admins (`/inbox/clubs`): clubs with their figures, adding a club,
 * moving and cancelling meetings (members are told), and a meeting's reminder and RSVP figures
 * with a CSV export. The same ClubAdmin as the `npm run admin` commands. Every API route needs an
 * admin's session (403 for other roles) and, when it changes something, the session's CSRF token;
 * changes and exports are written to the audit log.
 */
export function mountClubAdmin(server: Server, deps: ClubAdminDeps): void {
  const { admin, audit } = deps;
  const now = deps.now ?? (() => new Date());
  const adminOnly = (handler: (req: Request, res: Response, who: InboxIdentity) => Promise<void>) =>
    authorized(deps, ['admin'], 'Only admins manage clubs.', async (req, res, who) => {
      try {
        await handler(req, res, who);
      } catch (error) {
        if (!(error instanceof ClubAdminError)) throw error;
        sendError(res, error.code === 'not_found' ? 404 : 400, error.code === 'not_found' ? 'not_found' : 'invalid_body', error.message);
      }
    });
  const record = (who: InboxIdentity, action: string, subjectType: 'club' | 'meeting', subjectId: string) =>
    audit.write({ counselorId: who.counselor.id, action, subjectType, subjectId });

  mountInboxPage(server, { name: 'clubs', assets: ['clubs.js'], texts: ['clubAdmin'] });

  server.get('/inbox/api/clubs', adminOnly(async (_req, res) => {
    res.json({ clubs: (await admin.listClubs(now())).map(overviewJson) });
  }));

  server.post('/inbox/api/clubs', jsonBody(), adminOnly(async (req, res, who) => {
    const body = parseBody(req, res, newClubSchema);
    if (!body) return;
    const { code, outcome } = await admin.addClub(body);
    if (outcome !== 'unchanged') await record(who, outcome === 'created' ? 'club.create' : 'club.update', 'club', code);
    res.status(outcome === 'created' ? 201 : 200);
    res.json({ code, outcome });
  }));

  server.get('/inbox/api/clubs/:code/meetings', adminOnly(async (req, res) => {
    const { club, meetings } = await admin.meetingsOf(param(req, 'code'), now());
    res.json({ club: { code: club.code, name: club.name }, meetings });
  }));

  server.post('/inbox/api/clubs/:code/meetings/:date/move', jsonBody(), adminOnly(async (req, res, who) => {
    const body = parseBody(req, res, moveSchema);
    if (!body) return;
    const result = await admin.moveMeeting({ club: param(req, 'code'), date: param(req, 'date'), ...body });
    await record(who, 'meeting.move', 'meeting', String(result.meetingId));
    res.json(result);
  }));

  server.post('/inbox/api/clubs/:code/meetings/:date/cancel', jsonBody(), adminOnly(async (req, res, who) => {
    const result = await admin.cancelMeeting({ club: param(req, 'code'), date: param(req, 'date') });
    await record(who, 'meeting.cancel', 'meeting', String(result.meetingId));
    res.json(result);
  }));

  server.get('/inbox/api/meetings/:id/figures', adminOnly(async (req, res) => {
    const { club, startsAtLocal, stats } = await admin.meetingFigures(Number(param(req, 'id')));
    res.json({ club: { code: club.code, name: club.name }, startsAtLocal, stats });
  }));

  server.get('/inbox/api/meetings/:id/figures/csv', adminOnly(async (req, res, who) => {
    const { club, csv, stats } = await admin.meetingFigures(Number(param(req, 'id')));
    await record(who, 'meeting.figures.export', 'meeting', String(stats.meetingId));
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="meeting-${stats.meetingId}-${club.code}.csv"`,
      'cache-control': 'no-store',
    });
    res.end(csv);
  }));
}
