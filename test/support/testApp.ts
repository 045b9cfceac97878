import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createApp, type App } from '../../src/app.js';
import { seedDirectory } from '../../src/directory/seedDirectory.js';
import type { MenuRegistry } from '../../src/bot/MenuRegistry.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { CounselorHours } from '../../src/handoff/CounselorHours.js';
import type { ReportDesk } from '../../src/inbox/ReportDesk.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './testDatabase.js';
import { loadTexts } from './botHarness.js';
import { testSecretBox } from './testSecretBox.js';

/** Counselors on duty around the clock: tests must not depend on the hour they run at. */
export const ALWAYS_OPEN = new CounselorHours({ default: [{ days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '24:00' }], areas: {} });

/** An app listening on a free loopback port, with its log lines captured. */
export interface TestApp {
  readonly app: App;
  readonly testDb: TestDatabase;
  readonly url: string;
  readonly logs: string[];
  close(): Promise<void>;
}

/** Starts the real app on a fresh database; `env` overrides configuration. */
export async function startTestApp(options: { kind?: DatabaseKind; menu?: MenuRegistry; env?: NodeJS.ProcessEnv; hours?: CounselorHours; reports?: ReportDesk } = {}): Promise<TestApp> {
  const testDb = await createTestDatabase(options.kind ?? 'pglite');
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'info', ...options.env });
  const app = createApp({ config, db: testDb.db, logger: createLogger('info', sink), texts: await loadTexts(), secretBox: testSecretBox(), menu: options.menu, hours: options.hours ?? ALWAYS_OPEN, reports: options.reports });
  await seedDirectory(app.directory);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    testDb,
    url: `http://127.0.0.1:${port}`,
    logs,
    close: async () => {
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      await testDb.dispose();
    },
  };
}

/** A Bot Framework message activity asking for the replies in the HTTP response (no serviceUrl call). */
export function emulatorMessage(text: string, user = 'user-1', conversation = 'conv-1'): Record<string, unknown> {
  return {
    type: 'message',
    id: `act-${Math.random().toString(36).slice(2)}`,
    text,
    from: { id: user, name: 'Resident' },
    recipient: { id: 'bot' },
    conversation: { id: conversation },
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:1',
    deliveryMode: 'expectReplies',
  };
}

/** Posts an activity to /api/messages and returns the texts of the message replies. */
export async function botReplies(url: string, activity: Record<string, unknown>): Promise<string[]> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  const body = (await res.json()) as { activities: { type: string; text?: string }[] };
  return body.activities.filter((a) => a.type === 'message').map((a) => a.text ?? '');
}
