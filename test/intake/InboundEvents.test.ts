import { ChannelUsers } from '../../src/conversations/ChannelUsers.js';
import { InboundEvents, type InboundEnvelope } from '../../src/intake/InboundEvents.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/testDatabase.js';
import { testSecretBox } from '../support/testSecretBox.js';

function envelope(user: string, mid: string, at: string): InboundEnvelope {
  return { channel: 'messenger', dedupeKey: mid, platformUserId: user, occurredAt: new Date(at), event: { mid, text: `text of ${mid}` } };
}

describe.each(DATABASE_KINDS)('InboundEvents.record on %s', (kind) => {
  let testDb: TestDatabase;
  let users: ChannelUsers;
  let inbound: InboundEvents;
  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
    const box = testSecretBox();
    users = new ChannelUsers(testDb.db.sql, box);
    inbound = new InboundEvents(testDb.db.sql, box, users);
  });
  afterEach(() => testDb.dispose());

  it('stores a batch with one person twice in delivery order, and their latest contact as the window clock', async () => {
    const stored = await inbound.record([
      envelope('alice', 'm1', '2026-11-25T10:00:02Z'),
      envelope('bob', 'm2', '2026-11-25T10:00:00Z'),
      envelope('alice', 'm3', '2026-11-25T10:00:01Z'),
    ]);
    expect(stored).toBe(3);
    const claimed = await inbound.claim(10);
    const alicesM1 = `${users.idFor('messenger', 'alice')}:m1`;
    expect(claimed.map((event) => event.dedupeKey).sort()).toEqual([alicesM1, `${users.idFor('messenger', 'bob')}:m2`].sort());
    expect(claimed.find((event) => event.dedupeKey === alicesM1)!.event).toEqual({ mid: 'm1', text: 'text of m1' });
    const alice = await users.find(users.idFor('messenger', 'alice'));
    expect(alice?.platformUserId).toBe('alice');
    expect(alice?.lastInboundAt?.toISOString()).toBe('2026-11-25T10:00:02.000Z');
  });

  it('keys events without a message id by their person\'s pseudonym: two people\'s at one moment are two, a redelivery is one, no platform id is stored', async () => {
    const follow = (user: string): InboundEnvelope => ({ ...envelope(user, 'follow:1764066200000', '2026-11-25T10:00:00Z'), channel: 'zalo' });
    expect(await inbound.record([follow('8123456789012345678'), follow('8123456789012345679')])).toBe(2);
    expect(await inbound.record([follow('8123456789012345678')])).toBe(0);
    const keys = await testDb.db.sql.query<{ dedupe_key: string }>('SELECT dedupe_key FROM inbound_event ORDER BY seq');
    expect(keys.map((row) => row.dedupe_key)).toEqual([
      `${users.idFor('zalo', '8123456789012345678')}:follow:1764066200000`,
      `${users.idFor('zalo', '8123456789012345679')}:follow:1764066200000`,
    ]);
  });

  it('recognises a redelivery and never moves the window clock back', async () => {
    await inbound.record([envelope('alice', 'm1', '2026-11-25T10:00:05Z')]);
    expect(await inbound.record([envelope('alice', 'm1', '2026-11-25T10:00:05Z'), envelope('alice', 'm0', '2026-11-25T09:00:00Z')])).toBe(1);
    const rows = await testDb.db.sql.query<{ n: string }>('SELECT count(*) AS n FROM inbound_event');
    expect(Number(rows[0]!.n)).toBe(2);
    expect((await users.find(users.idFor('messenger', 'alice')))?.lastInboundAt?.toISOString()).toBe('2026-11-25T10:00:05.000Z');
  });
});
