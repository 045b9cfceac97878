import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SentMessage } from './messengerWebhooks.js';

/** A local HTTP stand-in for the Graph API's Send API, recording every message call. */
export interface GraphStub {
  /** Base URL to use as MESSENGER_API_URL. */
  readonly url: string;
  readonly sent: SentMessage[];
  /** Resolves once a sent message satisfies `match`. */
  waitFor(match: (message: SentMessage) => boolean, timeoutMs?: number): Promise<SentMessage>;
  close(): Promise<void>;
}

/** Starts the stub on a free loopback port; typing indicators are answered and not recorded. */
export async function startGraphStub(): Promise<GraphStub> {
  const sent: SentMessage[] = [];
  const waiters = new Set<() => void>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const message = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as SentMessage;
      if (req.method === 'POST' && req.url?.startsWith('/v21.0/me/messages') && !message.sender_action) {
        sent.push(message);
        for (const wake of waiters) wake();
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ recipient_id: message.recipient?.id, message_id: `m_stub_${sent.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v21.0`,
    sent,
    waitFor: (match, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = sent.find(match);
          if (found) {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve(found);
          }
          return !!found;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching Send API call; got: ${JSON.stringify(sent.map((m) => m.message?.text))}`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
