import type { CloudAdapter } from 'botbuilder';
import restify, { type Request, type Response, type Server } from 'restify';
import type { FamilySafetyBot } from './bot/FamilySafetyBot.js';
import { jsonBody, sendError } from './http/jsonBody.js';
import type { Logger } from './logger.js';
import type { Database } from './store/Database.js';
import { pendingMigrations } from './store/migrations.js';

/** What the HTTP server is built from; tests pass their own. */
export interface ServerDeps {
  readonly db: Database;
  readonly logger: Logger;
  readonly bot: FamilySafetyBot;
  readonly botFrameworkAdapter: CloudAdapter;
  /** Each platform channel mounts its webhook routes. */
  readonly channelRoutes?: readonly ((server: Server) => void)[];
}

/**
 * The HTTP surface: probes and one route per channel. Builds the restify server without listening,
 * so tests drive it directly.
 */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'family-safety-assistant', handleUncaughtExceptions: false });
  server.pre(restify.plugins.pre.context());

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    try {
      await deps.db.sql.query('SELECT 1');
      const pending = await pendingMigrations(deps.db.sql);
      if (pending.length > 0) {
        res.status(503);
        res.json({ status: 'not_ready', reason: `migrations not applied: ${pending.join(', ')}` });
        return;
      }
      res.json({ status: 'ready' });
    } catch {
      res.status(503);
      res.json({ status: 'not_ready', reason: 'database unreachable' });
    }
  });

  server.post('/api/messages', jsonBody(), async (req: Request, res: Response) => {
    await deps.botFrameworkAdapter.process(req, res, (context) => deps.bot.run(context));
  });

  for (const mount of deps.channelRoutes ?? []) mount(server);

  // restify turns a rejected handler into a 500; log it without the request body.
  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
    if ((err.statusCode ?? 500) >= 500) deps.logger.error({ route: req.getRoute()?.path, err: { type: err.name, message: err.message } }, 'request failed');
    callback();
  });
  server.on('NotFound', (_req: Request, res: Response) => sendError(res, 404, 'not_found', 'No such route.'));
  server.on('MethodNotAllowed', (_req: Request, res: Response) => sendError(res, 405, 'method_not_allowed', 'Method not allowed on this route.'));
  return server;
}
