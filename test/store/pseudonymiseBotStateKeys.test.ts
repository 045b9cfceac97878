import { TestAdapter, TurnContext } from 'botbuilder';
import { OptimisticUserState, botStateKey } from '../../src/store/optimisticState.js';
import { PrismaStorage } from '../../src/store/PrismaStorage.js';
import { pseudonymiseBotStateKeys } from '../../src/store/pseudonymiseBotStateKeys.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/testDatabase.js';
import { testSecretBox } from '../support/testSecretBox.js';

describe.each(DATABASE_KINDS)('moving bot states to pseudonymous keys on %s', (kind) => {
  let testDb: TestDatabase;
  const secretBox = testSecretBox();
  const pseudonymise = (channel: string, id: string) => secretBox.pseudonym(channel, id);

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterAll(() => testDb.dispose());

  const insert = (key: string, data: unknown, etag: string, hoursAgo = 24) =>
    testDb.db.sql.query('INSERT INTO bot_state (key, data, etag, updated_at) VALUES ($1, $2::jsonb, $3, now() - make_interval(hours => $4))', [key, JSON.stringify(data), etag, hoursAgo]);
  const rows = async () =>
    Object.fromEntries((await testDb.db.sql.query<{ key: string; data: unknown; etag: string }>('SELECT key, data, etag FROM bot_state')).map((row) => [row.key, [row.data, row.etag]]));

  it('moves states stored under platform ids, keeps their data and eTags, and is done after one run', async () => {
    await insert('messenger/conversations/6500123456789012/', { dialogState: { step: 2 } }, 'e1');
    await insert('messenger/users/6500123456789012/', { profile: { locale: 'en', areaCode: 'hue' } }, 'e2');
    await insert('zalo/users/8123456789012345678/', { profile: { locale: 'vi' } }, 'old');
    // The Zalo person already wrote to an instance running the new code: that newer state wins.
    await insert(botStateKey('users', 'zalo', '8123456789012345678', pseudonymise), { profile: { locale: 'en' } }, 'new', 1);
    // This one's state under the new key is older than the one under the old key: the old one wins.
    await insert('zalo/conversations/8123456789012345678/', { dialogState: { step: 5 } }, 'later', 2);
    await insert(botStateKey('conversations', 'zalo', '8123456789012345678', pseudonymise), { dialogState: { step: 1 } }, 'earlier', 3);
    await insert('something/else', { kept: true }, 'e3');

    expect(await pseudonymiseBotStateKeys(testDb.db.sql, pseudonymise)).toBe(4);

    expect(await rows()).toEqual({
      [botStateKey('conversations', 'messenger', '6500123456789012', pseudonymise)]: [{ dialogState: { step: 2 } }, 'e1'],
      [botStateKey('users', 'messenger', '6500123456789012', pseudonymise)]: [{ profile: { locale: 'en', areaCode: 'hue' } }, 'e2'],
      [botStateKey('users', 'zalo', '8123456789012345678', pseudonymise)]: [{ profile: { locale: 'en' } }, 'new'],
      [botStateKey('conversations', 'zalo', '8123456789012345678', pseudonymise)]: [{ dialogState: { step: 5 } }, 'later'],
      'something/else': [{ kept: true }, 'e3'],
    });
    expect(JSON.stringify(Object.keys(await rows()))).not.toMatch(/6500123456789012|8123456789012345678/);
    expect(await pseudonymiseBotStateKeys(testDb.db.sql, pseudonymise)).toBe(0);
  });

  it('moves each state once when instances starting together run it at the same time', async () => {
    await testDb.db.sql.query('DELETE FROM bot_state');
    const ids = Array.from({ length: 2_500 }, (_, i) => String(6_500_000_000_000_000 + i));
    await testDb.db.sql.query(
      "INSERT INTO bot_state (key, data, etag, updated_at) SELECT 'messenger/users/' || id || '/', jsonb_build_object('n', id), 'e', now() FROM unnest($1::text[]) AS id",
      [ids],
    );
    const runs = await Promise.all([1, 2, 3].map(() => pseudonymiseBotStateKeys(testDb.db.sql, pseudonymise)));
    expect(runs.reduce((sum, n) => sum + n, 0)).toBe(ids.length);
    const keys = (await testDb.db.sql.query<{ key: string }>('SELECT key FROM bot_state')).map((row) => row.key).sort();
    expect(keys).toEqual(ids.map((id) => botStateKey('users', 'messenger', id, pseudonymise)).sort());
  });

  it("gives the person's next turn the state they had before the move", async () => {
    await insert('messenger/users/6500999999999999/', { profile: { locale: 'en' } }, 'e4');
    await pseudonymiseBotStateKeys(testDb.db.sql, pseudonymise);
    const userState = new OptimisticUserState(new PrismaStorage(testDb.db.sql), pseudonymise);
    const profile = userState.createProperty<{ locale?: string }>('profile');
    const context = new TurnContext(new TestAdapter(), {
      type: 'message',
      channelId: 'messenger',
      from: { id: '6500999999999999', name: '' },
      conversation: { id: '6500999999999999', isGroup: false, conversationType: 'personal', name: '' },
    });
    await userState.load(context);
    expect(await profile.get(context)).toEqual({ locale: 'en' });
  });
});
