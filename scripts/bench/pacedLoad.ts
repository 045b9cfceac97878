import http from 'node:http';

/** A request of a load run: its body and headers (the URL is the run's). */
export interface LoadRequest {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** What a paced run saw: each request's answer time (ms), in order sent, and the non-2xx count. */
export interface PacedLoadResult {
  readonly latencies: number[];
  readonly failures: number;
}

/**
 * POSTs `count` requests at an even `rate` per second over up to `connections` keep-alive
 * connections: request i leaves at start + i/rate, whatever the answers before it.
 *
 * autocannon's `overallRate` divides the rate among its connections, which all fire at the same
 * moment: at 300/s over 50 connections, 50 webhooks land together every 166 ms. A steady stream of
 * people does not arrive in volleys, and the volleys alone added hundreds of milliseconds of
 * queueing to the latency measured, so the paced scenarios use this instead.
 * @param make - the i-th request (from 1), built when it is sent.
 */
export async function pacedLoad(url: string, count: number, rate: number, make: (i: number) => LoadRequest, connections = 50): Promise<PacedLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let failures = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 1; i <= count; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const { body, headers } = make(i);
    const sentAt = performance.now();
    inFlight.push(
      new Promise<void>((resolve) => {
        const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
          response.resume();
          response.on('end', () => {
            latencies[i - 1] = performance.now() - sentAt;
            if ((response.statusCode ?? 0) >= 300) failures++;
            resolve();
          });
        });
        request.on('error', () => {
          failures++;
          resolve();
        });
        request.end(body);
      }),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { latencies, failures };
}
