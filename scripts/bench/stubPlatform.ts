import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A platform API stand-in on 127.0.0.1 that records when each recipient got each message. */
export interface StubPlatform {
  readonly url: string;
  /** Arrival times (ms, performance.now of this process) per recipient id, in order. */
  readonly arrivals: Map<string, number[]>;
  /** Message texts per recipient id, in order. */
  readonly texts: Map<string, string[]>;
  total(): number;
  close(): Promise<void>;
}

/**
 * Answers the Messenger Send API (`POST …/me/messages`) and Bot Framework reply calls
 * (`POST …/v3/conversations/…/activities/…`) at once with 200, recording each message.
 * @param options.fail - optional answer override for fault tests (e.g. 500s for a while); status 0
 *   means no answer at all (the caller's timeout fires).
 */
export async function startStubPlatform(options: { fail?: (n: number) => { status: number; headers?: Record<string, string> } | undefined } = {}): Promise<StubPlatform> {
  const arrivals = new Map<string, number[]>();
  const texts = new Map<string, string[]>();
  let count = 0;
  let calls = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: { recipient?: { id?: string }; message?: { text?: string }; sender_action?: string; conversation?: { id?: string }; text?: string } = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        // Recorded as nothing; the answer is still 200.
      }
      if (body.sender_action) {
        // Two calls, not chained: restify (loaded in the same process in profiling runs) patches
        // writeHead so it does not return the response.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      const failure = options.fail?.(++calls);
      if (failure?.status === 0) return;
      if (failure) {
        res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
        res.end('{"error":{"code":2,"message":"stub failure"}}');
        return;
      }
      const recipient = body.recipient?.id ?? body.conversation?.id ?? 'unknown';
      const now = performance.now();
      (arrivals.get(recipient) ?? arrivals.set(recipient, []).get(recipient)!).push(now);
      (texts.get(recipient) ?? texts.set(recipient, []).get(recipient)!).push(body.message?.text ?? body.text ?? '');
      count++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ recipient_id: recipient, message_id: `m_${count}`, id: `a_${count}` }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    texts,
    total: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Requests left unanswered on purpose would keep close() waiting.
        server.closeAllConnections();
      }),
  };
}
