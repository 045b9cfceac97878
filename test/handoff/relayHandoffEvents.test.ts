import { HandoffEvents, type HandoffEvent } from '../../src/handoff/HandoffEvents.js';
import { relayHandoffEvents } from '../../src/handoff/relayHandoffEvents.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/testDatabase.js';

const logger = createLogger('silent');

(TEST_DATABASE_URL ? describe : describe.skip)('relayHandoffEvents on PostgreSQL', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('postgresql');
  });
  afterAll(() => testDb.dispose());

  it('delivers one instance’s changes to another instance once, and not back to itself twice', async () => {
    const [a, b] = [new HandoffEvents(), new HandoffEvents()];
    const seen = { a: [] as HandoffEvent[], b: [] as HandoffEvent[] };
    a.subscribe((event) => seen.a.push(event));
    const arrived = new Promise<void>((resolve) => b.subscribe((event) => (seen.b.push(event), resolve())));
    const stops = [await relayHandoffEvents(a, testDb.db, logger), await relayHandoffEvents(b, await testDb.openAnother(), logger)];
    const event: HandoffEvent = { type: 'queued', sessionId: 's1', areaCode: '79.26734' };
    a.emit(event);
    await arrived;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual({ a: [event], b: [event] });
    for (const stop of stops) await stop();
  });
});

describe('relayHandoffEvents on PGlite', () => {
  it('is a no-op: one process, in-process events suffice', async () => {
    const testDb = await createTestDatabase('pglite');
    const stop = await relayHandoffEvents(new HandoffEvents(), testDb.db, logger);
    await stop();
    await testDb.dispose();
  });
});
