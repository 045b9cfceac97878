import type { Request, Response, Server } from 'restify';

/**
 * Serves the domain-ownership file Zalo asks for before it accepts a webhook URL on the domain:
 * `GET <path>` answers the exact content, as HTML (Zalo hands out `zalo_verifier….html` files).
 */
export function mountZaloSiteVerification(server: Server, path: string, content: string): void {
  server.get(path, async (_req: Request, res: Response) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.sendRaw(200, content);
  });
}
