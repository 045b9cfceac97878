import fs from 'node:fs';
import type { Request, Response, Server } from 'restify';
import { sendError } from '../http/jsonBody.js';
import { LOCALES, readLocaleNamespace } from '../i18n.js';
import { param } from './mountInbox.js';
import { mountPublicAssets, PAGE_HEADERS, PUBLIC_DIR } from './mountPublicAssets.js';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page as served: the shell every inbox page shares (head with the inbox styles, the shared
 * `inboxPage.js` and the page's own assets; the header bar with the way back, the title and the
 * language switch), around the page's own body in `src/inbox/public/<name>.html`.
 */
function pageHtml(name: string, assets: readonly string[], title: string): string {
  const own = (file: string) => `/inbox/${name}/assets/${file}`;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeHtml(title)}</title>`,
    '<link rel="stylesheet" href="/inbox/assets/inbox.css">',
    ...assets.filter((file) => file.endsWith('.css')).map((file) => `<link rel="stylesheet" href="${own(file)}">`),
    '<script src="/inbox/assets/inboxPage.js" defer></script>',
    ...assets.filter((file) => file.endsWith('.js')).map((file) => `<script src="${own(file)}" defer></script>`),
  ];
  const header = [
    '<header class="bar">',
    '  <a id="back" class="link" href="/inbox"></a>',
    `  <h1 id="title">${escapeHtml(title)}</h1>`,
    '  <span class="grow"></span>',
    '  <button id="lang" type="button" class="link">English</button>',
    '</header>',
  ];
  const body = fs.readFileSync(`${PUBLIC_DIR}/${name}.html`, 'utf8');
  return `<!doctype html>\n<html lang="vi">\n<head>\n${head.join('\n')}\n</head>\n<body>\n${header.join('\n')}\n${body}</body>\n</html>\n`;
}

/**
 * A page of the inbox beside the conversations (statistics, directory, clubs): `/inbox/<name>`
 * serves the page (see {@link pageHtml}), `/inbox/<name>/assets/:file` its own scripts and styles
 * (under the inbox's CSP: nothing inline), and `/inbox/api/page-texts/<name>/:lang` the locale files
 * it is written in, `{ texts: { <namespace>: … } }`, its own namespace first (its `title` and
 * `back` fill the header). Everything is read once, here. The page itself is public; its data
 * routes check the role.
 */
export function mountInboxPage(server: Server, page: { name: string; assets: readonly string[]; texts: readonly string[] }): void {
  const texts = new Map<string, string>(LOCALES.map((lang) => [lang, JSON.stringify({ texts: Object.fromEntries(page.texts.map((namespace) => [namespace, readLocaleNamespace(lang, namespace)])) })]));
  const html = pageHtml(page.name, page.assets, String(readLocaleNamespace(LOCALES[0], page.texts[0]!).title ?? ''));
  server.get(`/inbox/${page.name}`, async (_req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...PAGE_HEADERS });
    res.end(html);
  });
  mountPublicAssets(server, `/inbox/${page.name}/assets`, Object.fromEntries(page.assets.map((name) => [name, TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream'])));
  server.get(`/inbox/api/page-texts/${page.name}/:lang`, async (req: Request, res: Response) => {
    const json = texts.get(param(req, 'lang'));
    if (!json) return sendError(res, 404, 'not_found', 'No such language.');
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(json);
  });
}
