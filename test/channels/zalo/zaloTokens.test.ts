import nock from 'nock';
import { ZaloClient } from '../../../src/channels/zalo/ZaloClient.js';
import { ZaloTokens } from '../../../src/channels/zalo/ZaloTokens.js';
import type { SecretBox } from '../../../src/crypto/SecretBox.js';
import { createLogger } from '../../../src/logger.js';
import type { Database } from '../../../src/store/Database.js';
import { testSecretBox } from '../../support/testSecretBox.js';
import { createTestDatabase, DATABASE_KINDS, TEST_DATABASE_URL, type TestDatabase } from '../../support/testDatabase.js';
import { allowOnlyLoopback } from '../../support/webhookTest.js';
import { OAUTH, OPENAPI, recordRefresh, recordZaloApi, SEED_ACCESS, SEED_REFRESH, ZALO_APP_ID, ZALO_APP_SECRET } from '../../support/zaloHarness.js';

allowOnlyLoopback();

const logger = createLogger('silent');
const message = (n: number) => ({ recipient: { user_id: '2468458835296117922' }, message: { text: `tin ${n}` } });

function tokensOn(db: Database, secretBox: SecretBox): ZaloTokens {
  return new ZaloTokens({
    sql: db.sql,
    secretBox,
    appId: ZALO_APP_ID,
    appSecret: ZALO_APP_SECRET,
    initial: { accessToken: SEED_ACCESS, refreshToken: SEED_REFRESH },
    oauthUrl: OAUTH,
    logger,
  });
}

async function storedRefreshToken(db: Database, secretBox: SecretBox): Promise<{ refresh: string; version: number }> {
  const rows = await db.sql.query<{ refresh_token: string; version: number }>('SELECT refresh_token, version FROM zalo_token');
  expect(rows).toHaveLength(1);
  return { refresh: secretBox.open(rows[0]!.refresh_token, `zalo_token.refresh_token:${ZALO_APP_ID}`), version: rows[0]!.version };
}

/** Zalo's answer: -216 for any token but the refreshed ones. */
const rejectSeedToken = (token: string) => (token.startsWith('access-') ? undefined : { error: -216, message: 'Access token is invalid' });

describe.each(DATABASE_KINDS)('Zalo tokens on %s', (kind) => {
  let testDb: TestDatabase;
  let secretBox: SecretBox;
  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
    secretBox = testSecretBox();
  });
  afterEach(() => testDb.dispose());

  it('seeds the pair sealed, and uses the seeded access token as is', async () => {
    const sent = recordZaloApi();
    const client = new ZaloClient(OPENAPI, tokensOn(testDb.db, secretBox));
    expect(await client.sendConsultation(message(1))).toEqual({ ok: true, messageId: 'zmsg_1' });
    expect(sent[0]!.accessToken).toBe(SEED_ACCESS);
    const rows = await testDb.db.sql.query<{ access_token: string; refresh_token: string }>('SELECT access_token, refresh_token FROM zalo_token');
    expect(JSON.stringify(rows)).not.toContain('seed-');
  });

  it('two concurrent sends with an expired token: exactly one refresh, both sent, the rotated refresh token stored', async () => {
    const sent = recordZaloApi(rejectSeedToken);
    const refreshes = recordRefresh(200);
    const client = new ZaloClient(OPENAPI, tokensOn(testDb.db, secretBox));
    const results = await Promise.all([client.sendConsultation(message(1)), client.sendConsultation(message(2))]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(refreshes).toEqual([{ secretKey: ZALO_APP_SECRET, form: { refresh_token: SEED_REFRESH, app_id: ZALO_APP_ID, grant_type: 'refresh_token' } }]);
    expect(sent.filter((m) => m.accessToken === 'access-1').map((m) => m.message.text).sort()).toEqual(['tin 1', 'tin 2']);
    expect(await storedRefreshToken(testDb.db, secretBox)).toEqual({ refresh: 'refresh-1', version: 1 });
    // The next send uses the new token straight away, and the next refresh spends the rotated one.
    await client.sendConsultation(message(3));
    expect(sent.at(-1)!.accessToken).toBe('access-1');
    expect(refreshes).toHaveLength(1);
  });

  it('refreshes ahead of expiry, before sending', async () => {
    const sent = recordZaloApi(rejectSeedToken);
    const refreshes = recordRefresh();
    const tokens = tokensOn(testDb.db, secretBox);
    await tokens.accessToken();
    await testDb.db.sql.query("UPDATE zalo_token SET access_expires_at = now() + interval '1 minute'");
    const client = new ZaloClient(OPENAPI, tokens);
    expect((await client.sendConsultation(message(1))).ok).toBe(true);
    expect(refreshes).toHaveLength(1);
    expect(sent.map((m) => m.accessToken)).toEqual(['access-1']);
  });

  it('keeps the stored pair when Zalo refuses the refresh, and says "later" for the message', async () => {
    recordZaloApi(rejectSeedToken);
    nock(OAUTH).post('/v4/oa/access_token').reply(200, { error: -14014, error_name: 'Invalid refresh token' });
    const client = new ZaloClient(OPENAPI, tokensOn(testDb.db, secretBox));
    expect(await client.sendConsultation(message(1))).toEqual({ ok: false, kind: 'transient', code: 'token:oauth_http_200:-14014' });
    expect(await storedRefreshToken(testDb.db, secretBox)).toEqual({ refresh: SEED_REFRESH, version: 0 });
  });
});

(TEST_DATABASE_URL ? describe : describe.skip)('Zalo tokens across instances (PostgreSQL)', () => {
  it('two instances sending with an expired token refresh once, under the row lock', async () => {
    const testDb = await createTestDatabase('postgresql');
    try {
      const secretBox = testSecretBox();
      const other = await testDb.openAnother();
      const sent = recordZaloApi(rejectSeedToken);
      const refreshes = recordRefresh(300);
      await tokensOn(testDb.db, secretBox).accessToken();
      const clients = [new ZaloClient(OPENAPI, tokensOn(testDb.db, secretBox)), new ZaloClient(OPENAPI, tokensOn(other, secretBox))];
      const results = await Promise.all(clients.flatMap((client, i) => [client.sendConsultation(message(i * 2)), client.sendConsultation(message(i * 2 + 1))]));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(refreshes).toHaveLength(1);
      expect(sent.filter((m) => m.accessToken === 'access-1')).toHaveLength(4);
      expect(await storedRefreshToken(testDb.db, secretBox)).toEqual({ refresh: 'refresh-1', version: 1 });
    } finally {
      await testDb.dispose();
    }
  });
});
