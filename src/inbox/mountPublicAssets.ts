import fs from 'node:fs';
import type { Request, Response, Server } from 'restify';
import { sendError } from '../http/jsonBody.js';
import { projectPath } from '../projectRoot.js';

/** Where the inbox's pages, scripts and styles are. */
export const PUBLIC_DIR = projectPath('src', 'inbox', 'public');

/** The page loads only its own script and style; nothing inline, nothing from elsewhere. */
export const PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * Serves the files of {@link PUBLIC_DIR} named in `types` at `<route>/:name`, under the pages'
 * headers, read once here. Only those names: anything else (`..`, other files) is a 404.
 * @param types - file name → content type.
 */
export function mountPublicAssets(server: Server, route: string, types: Readonly<Record<string, string>>): void {
  const files = new Map(Object.entries(types).map(([name, type]) => [name, { type, content: fs.readFileSync(`${PUBLIC_DIR}/${name}`) }]));
  server.get(`${route}/:name`, async (req: Request, res: Response) => {
    const file = files.get(String((req.params as Record<string, unknown>).name ?? ''));
    if (!file) return sendError(res, 404, 'not_found', 'No such file.');
    res.writeHead(200, { 'content-type': file.type, ...PAGE_HEADERS });
    res.end(file.content);
  });
}
