import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { AreaCatalog } from '../areas/AreaCatalog.js';
import { jsonBody, sendError } from '../http/jsonBody.js';
import { LOCALES, type Texts } from '../i18n.js';
import type { LegalLibrary } from '../legal/LegalLibrary.js';
import type { Clubs } from '../reminders/Clubs.js';
import { formatLocalDate, localInstant, parseLocalDate, toLocal, type LocalDate } from '../reminders/localTime.js';
import { recordMeetingAttendance } from '../reminders/recordMeetingAttendance.js';
import { clubInScope, collectStatistics, type StatisticsRequest } from '../statistics/collectStatistics.js';
import { labelStatistics } from '../statistics/labelStatistics.js';
import { statisticsCsv } from '../statistics/statisticsCsv.js';
import { statisticsLabels } from '../statistics/StatisticsLabels.js';
import { statisticsWorkbook } from '../statistics/statisticsWorkbook.js';
import type { SqlExecutor } from '../store/Database.js';
import type { AuditLog } from './AuditLog.js';
import { scopeOf, type CounselorAccounts } from './CounselorAccounts.js';
import { authorized, type InboxIdentity } from './inboxAuth.js';
import { mountInboxPage } from './mountInboxPage.js';
import type { InboxSessions } from './InboxSessions.js';
import { param, parseBody, parseQuery } from './mountInbox.js';

/** What the statistics pages are built from. */
export interface StatisticsDeps {
  readonly sql: SqlExecutor;
  readonly sessions: InboxSessions;
  readonly accounts: CounselorAccounts;
  readonly audit: AuditLog;
  readonly texts: Texts;
  readonly areas: AreaCatalog;
  readonly clubs: Clubs;
  /** Names legal topics by their cards' titles. */
  readonly legal: LegalLibrary;
}

const DAY_MS = 86_400_000;

const localDate = z.string().transform((text, ctx) => parseLocalDate(text) ?? (ctx.addIssue({ code: 'custom', message: 'expected YYYY-MM-DD' }), z.NEVER));
const querySchema = z.object({
  from: localDate.optional(),
  to: localDate.optional(),
  by: z.enum(['province', 'area']).default('province'),
  lang: z.enum(LOCALES).default('vi'),
});
const attendanceSchema = z.object({ attendance: z.number().int().min(0).max(100_000).nullable() });

/** The half-year a day falls in: 1 January–30 June or 1 July–31 December, as the reports run. */
function halfYearOf(day: LocalDate): { from: LocalDate; to: LocalDate } {
  return day.month <= 6 ? { from: { year: day.year, month: 1, day: 1 }, to: { year: day.year, month: 6, day: 30 } } : { from: { year: day.year, month: 7, day: 1 }, to: { year: day.year, month: 12, day: 31 } };
}

/**
 * Statistics for supervisors (their province) and admins (everything) at `/inbox/statistics`: the
 * page, its JSON, the CSV and XLSX exports, and recording a meeting's attendance. Counselors get
 * 403. Every view and export is written to the audit log.
 */
export function mountStatistics(server: Server, deps: StatisticsDeps): void {
  /** A route for supervisors and admins only. */
  const lead = (handler: (req: Request, res: Response, who: InboxIdentity) => Promise<void>) =>
    authorized(deps, ['supervisor', 'admin'], 'Statistics are for supervisors and admins.', handler);

  /** Parses the query (400 when it does not fit) into a request in the viewer's scope. */
  const requestOf = (req: Request, res: Response, who: InboxIdentity) => {
    const query = parseQuery(req, res, querySchema);
    if (!query) return;
    const current = halfYearOf(toLocal(new Date()).date);
    const from = query.from ?? current.from;
    const to = query.to ?? current.to;
    const request: StatisticsRequest = { from: localInstant(from, 0), until: new Date(localInstant(to, 0).getTime() + DAY_MS), scope: scopeOf(who.counselor), by: query.by };
    if (request.until <= request.from) return void sendError(res, 400, 'invalid_query', 'to: before from');
    // What was looked at, for the audit log: the period and the row level (never any case).
    const subject = `${formatLocalDate(from)}..${formatLocalDate(to)}/${request.by}`;
    return { request, subject, labels: statisticsLabels(deps.texts, query.lang, deps.areas, deps.legal) };
  };
  const record = (who: InboxIdentity, action: string, subjectType: 'statistics' | 'meeting', subjectId: string) =>
    deps.audit.write({ counselorId: who.counselor.id, action, subjectType, subjectId });

  mountInboxPage(server, { name: 'statistics', assets: ['statistics.js', 'statistics.css'], texts: ['statistics'] });

  server.get('/inbox/api/statistics', lead(async (req, res, who) => {
    const asked = requestOf(req, res, who);
    if (!asked) return;
    const statistics = await collectStatistics(deps.sql, asked.request);
    await record(who, 'statistics.view', 'statistics', asked.subject);
    res.json({ scope: scopeOf(who.counselor), ...labelStatistics(statistics, asked.labels) });
  }));

  server.get('/inbox/api/statistics/export.csv', lead(async (req, res, who) => {
    const asked = requestOf(req, res, who);
    if (!asked) return;
    const csv = statisticsCsv(await collectStatistics(deps.sql, asked.request), asked.labels);
    await record(who, 'statistics.export.csv', 'statistics', asked.subject);
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="statistics-${asked.subject.replace(/[^\w.-]+/g, '_')}.csv"`, 'cache-control': 'no-store' });
    res.end(csv);
  }));

  server.get('/inbox/api/statistics/export.xlsx', lead(async (req, res, who) => {
    const asked = requestOf(req, res, who);
    if (!asked) return;
    const workbook = await statisticsWorkbook(await collectStatistics(deps.sql, asked.request), asked.labels);
    await record(who, 'statistics.export.xlsx', 'statistics', asked.subject);
    res.writeHead(200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="statistics-${asked.subject.replace(/[^\w.-]+/g, '_')}.xlsx"`,
      'cache-control': 'no-store',
    });
    res.end(workbook);
  }));

  server.post('/inbox/api/statistics/meetings/:id/attendance', jsonBody(), lead(async (req, res, who) => {
    const body = parseBody(req, res, attendanceSchema);
    if (!body) return;
    const meetingId = Number(param(req, 'id')) || 0;
    const found = await deps.clubs.meetingById(meetingId);
    if (!found) return sendError(res, 404, 'not_found', 'No such meeting.');
    if (!clubInScope(scopeOf(who.counselor), found.club.province)) return sendError(res, 403, 'forbidden', 'This club is outside your province.');
    await recordMeetingAttendance(deps.sql, meetingId, body.attendance);
    await record(who, 'meeting.attendance', 'meeting', String(meetingId));
    res.json({ ok: true });
  }));
}
