import fs from 'node:fs';
import type { Request, Response, Server } from 'restify';
import { sendError } from '../http/jsonBody.js';
import { LOCALES } from '../i18n.js';
import { projectPath } from '../projectRoot.js';
import { param } from './mountInbox.js';
import { mountPublicAssets, PAGE_HEADERS, PUBLIC_DIR } from './mountPublicAssets.js';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * A page of the inbox beside the conversations (statistics, directory): `/inbox/<name>` serves
 * `src/inbox/public/<name>.html`, `/inbox/<name>/assets/:file` its own scripts and styles (under the
 * inbox's CSP: nothing inline), and `/inbox/api/page-texts/<name>/:lang` the locale files it is written
 * in, `{ texts: { <namespace>: … } }`. The page itself is public; its data routes check the role.
 */
export function mountInboxPage(server: Server, page: { name: string; assets: readonly string[]; texts: readonly string[] }): void {
  server.get(`/inbox/${page.name}`, async (_req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...PAGE_HEADERS });
    res.end(fs.readFileSync(`${PUBLIC_DIR}/${page.name}.html`));
  });
  mountPublicAssets(server, `/inbox/${page.name}/assets`, Object.fromEntries(page.assets.map((name) => [name, TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream'])));
  server.get(`/inbox/api/page-texts/${page.name}/:lang`, async (req: Request, res: Response) => {
    const lang = LOCALES.find((locale) => locale === param(req, 'lang'));
    if (!lang) return sendError(res, 404, 'not_found', 'No such language.');
    const read = (namespace: string): unknown => JSON.parse(fs.readFileSync(projectPath('content', 'locales', lang, `${namespace}.json`), 'utf8'));
    res.json({ texts: Object.fromEntries(page.texts.map((namespace) => [namespace, read(namespace)])) });
  });
}
