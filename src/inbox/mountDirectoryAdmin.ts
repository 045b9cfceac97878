import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { directoryEntryInputSchema, ENTRY_KINDS, type DirectoryEntries, type DirectoryEntryInput } from '../directory/DirectoryEntries.js';
import { jsonBody, sendError } from '../http/jsonBody.js';
import type { AuditLog } from './AuditLog.js';
import type { CounselorAccounts } from './CounselorAccounts.js';
import { authorized, type InboxIdentity } from './inboxAuth.js';
import type { InboxSessions } from './InboxSessions.js';
import { param, parseBody, parseQuery } from './mountInbox.js';
import { mountInboxPage } from './mountInboxPage.js';

/** What the directory's admin page is built from. */
export interface DirectoryAdminDeps {
  readonly sessions: InboxSessions;
  readonly accounts: CounselorAccounts;
  readonly audit: AuditLog;
  readonly directory: DirectoryEntries;
}

const filterSchema = z.object({ area: z.string().trim().min(1).optional(), kind: z.enum(ENTRY_KINDS).optional() });
/** An edit: everything but the id, which the path names. */
const changeSchema = directoryEntryInputSchema.omit({ id: true });

/**
 * The directory for admins at `/inbox/directory`: list (filtered by area and kind), create, update
 * and remove entries. Admins only (403 for counselors and supervisors, 401 logged out), with the
 * inbox's CSRF token on every change; each change is audit-logged. What an admin saves is
 * admin-managed from then on, so the seed files no longer change it (content/directory/README.md).
 */
export function mountDirectoryAdmin(server: Server, deps: DirectoryAdminDeps): void {
  const { directory } = deps;
  const admin = (handler: (req: Request, res: Response, who: InboxIdentity) => Promise<void>) =>
    authorized(deps, ['admin'], 'Only admins edit the directory.', handler);
  const record = (who: InboxIdentity, action: string, id: string) => deps.audit.write({ counselorId: who.counselor.id, action, subjectType: 'directory', subjectId: id });

  /** Stores an entry as the admin's: 400 for an area the catalog does not know. */
  const save = async (res: Response, who: InboxIdentity, entry: DirectoryEntryInput, created: boolean): Promise<void> => {
    const problem = directory.problem(entry);
    if (problem) return sendError(res, 400, 'invalid_body', problem);
    const outcome = await directory.upsert(entry, 'admin');
    if (outcome !== 'unchanged') await record(who, created ? 'directory.create' : 'directory.update', entry.id);
    if (created) res.status(201);
    res.json({ entry: await directory.find(entry.id), outcome });
  };

  mountInboxPage(server, { name: 'directory', assets: ['directory.js'], texts: ['directoryAdmin', 'directory'] });

  server.get('/inbox/api/directory', admin(async (req, res) => {
    const filter = parseQuery(req, res, filterSchema);
    if (!filter) return;
    res.json({ entries: await directory.list({ areaCode: filter.area, kind: filter.kind }) });
  }));

  server.post('/inbox/api/directory', jsonBody(), admin(async (req, res, who) => {
    const body = parseBody(req, res, directoryEntryInputSchema);
    if (!body) return;
    if (await directory.find(body.id)) return sendError(res, 409, 'conflict', `An entry ${body.id} exists already; edit it instead.`);
    await save(res, who, body, true);
  }));

  server.post('/inbox/api/directory/:id', jsonBody(), admin(async (req, res, who) => {
    const id = param(req, 'id');
    if (!(await directory.find(id))) return sendError(res, 404, 'not_found', 'No such entry.');
    const body = parseBody(req, res, changeSchema);
    if (!body) return;
    await save(res, who, { ...body, id }, false);
  }));

  server.post('/inbox/api/directory/:id/remove', jsonBody(), admin(async (req, res, who) => {
    const id = param(req, 'id');
    if (!(await directory.remove(id))) return sendError(res, 404, 'not_found', 'No such entry.');
    await record(who, 'directory.remove', id);
    res.json({ ok: true });
  }));
}
