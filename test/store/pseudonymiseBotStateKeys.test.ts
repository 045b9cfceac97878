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

  const insert = (key: string, data: unknown, etag: string) =>
    testDb.db.sql.query("INSERT INTO bot_state (key, data, etag, updated_at) VALUES ($1, $2::jsonb, $3, now() - interval '1 day')", [key, JSON.stringify(data), etag]);
  const rows = async () =>
    Object.fromEntries((await testDb.db.sql.query<{ key: string; data: unknown; etag: string }>('SELECT key, data, etag FROM bot_state')).map((row) => [row.key, [row.data, row.etag]]));

  it('moves states stored under platform ids, keeps their data and eTags, and is done after one run', async () => {
    await insert('messenger/conversations/6500123456789012/', { dialogState: { step: 2 } }, 'e1');
    await insert('messenger/users/6500123456789012/', { profile: { locale: 'en', areaCode: 'hue' } }, 'e2');
    await insert('zalo/users/8123456789012345678/', { profile: { locale: 'vi' } }, 'old');
    // The Zalo person already wrote to an instance running the new code: that newer state wins.
    await insert(botStateKey('users', 'zalo', '8123456789012345678', pseudonymise), { profile: { locale: 'en' } }, 'new');
    await insert('something/else', { kept: true }, 'e3');

    expect(await pseudonymiseBotStateKeys(testDb.db.sql, pseudonymise)).toBe(3);

    expect(await rows()).toEqual({
      [botStateKey('conversations', 'messenger', '6500123456789012', pseudonymise)]: [{ dialogState: { step: 2 } }, 'e1'],
      [botStateKey('users', 'messenger', '6500123456789012', pseudonymise)]: [{ profile: { locale: 'en', areaCode: 'hue' } }, 'e2'],
      [botStateKey('users', 'zalo', '8123456789012345678', pseudonymise)]: [{ profile: { locale: 'en' } }, 'new'],
      'something/else': [{ kept: true }, 'e3'],
    });
    expect(JSON.stringify(Object.keys(await rows()))).not.toMatch(/6500123456789012|8123456789012345678/);
    expect(await pseudonymiseBotStateKeys(testDb.db.sql, pseudonymise)).toBe(0);
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
