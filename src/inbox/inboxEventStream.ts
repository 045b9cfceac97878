import type { Request, Response } from 'restify';
import { scopeIncludes, type AreaScope } from '../handoff/areaScope.js';
import type { HandoffEvents } from '../handoff/HandoffEvents.js';

/** Comment lines keep proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;

/**
 * Streams handoff changes in the viewer's areas as server-sent events (`text/event-stream`) until
 * the page goes away or the login ends (expiry, logout, account locked: checked at each
 * heartbeat). Events carry ids only; the page fetches what changed.
 */
export function streamInboxEvents(
  req: Request,
  res: Response,
  deps: { events: HandoffEvents; scope: AreaScope; expiresAt: Date; stillLoggedIn: () => Promise<boolean> },
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  const unsubscribe = deps.events.subscribe((event) => {
    if (!scopeIncludes(deps.scope, event.areaCode)) return;
    res.write(`event: handoff\ndata: ${JSON.stringify({ type: event.type, sessionId: event.sessionId })}\n\n`);
  });
  const heartbeat = setInterval(() => {
    deps.stillLoggedIn().then(
      (yes) => (yes ? res.write(': keep-alive\n\n') : res.end()),
      () => res.end(),
    );
  }, HEARTBEAT_MS);
  const expiry = setTimeout(() => res.end(), Math.max(0, Math.min(deps.expiresAt.getTime() - Date.now(), 2 ** 31 - 1)));
  const stop = (): void => {
    unsubscribe();
    clearInterval(heartbeat);
    clearTimeout(expiry);
  };
  req.on('close', stop);
  res.on('close', stop);
}
