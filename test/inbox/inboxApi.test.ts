import type { InboxReport, ReportDesk } from '../../src/inbox/ReportDesk.js';
import { startGraphStub, type GraphStub } from '../support/graphStub.js';
import { postMessenger, startMessengerApp, textWebhook, type SentMessage } from '../support/messengerWebhooks.js';
import { call, login, loginAs, PASSWORD } from '../support/inboxClient.js';
import type { TestApp } from '../support/testApp.js';

const AREA = '79.26734';

class FakeReports implements ReportDesk {
  readonly statuses = ['new', 'in_progress', 'resolved'];
  readonly reports = new Map<string, InboxReport>([
    ['r-79', { id: 'r-79', status: 'new', areaCode: AREA, summary: 'Bạo lực thể chất' }],
    ['r-01', { id: 'r-01', status: 'new', areaCode: '01.00004', summary: 'Khác' }],
  ]);
  async find(id: string) {
    return this.reports.get(id);
  }
  async setStatus(id: string, status: string) {
    const report = this.reports.get(id)!;
    this.reports.set(id, { ...report, status });
  }
}

describe('counselor inbox API', () => {
  let t: TestApp;
  let graph: GraphStub;
  let sent: SentMessage[];
  const reports = new FakeReports();

  /** A Messenger resident asks for a counselor; returns their session id. */
  async function residentAsks(psid: string): Promise<string> {
    expect((await postMessenger(t.url, textWebhook(psid, `m_${psid}_${Date.now()}`, 'menu.handoff'))).status).toBe(200);
    await t.app.workers.intake.drain();
    await t.app.workers.outbox.drain();
    const session = await t.app.handoff.openSessionFor(t.app.channelUsers.idFor('messenger', psid));
    return session!.id;
  }

  beforeAll(async () => {
    graph = await startGraphStub();
    sent = graph.sent;
    t = await startMessengerApp('pglite', { MESSENGER_API_URL: graph.url, HANDOFF_DEFAULT_AREA: AREA, INBOX_LOGIN_MAX_FAILURES: '3', INBOX_LOGIN_MAX_FAILURES_PER_IP: '8', MESSENGER_HUMAN_AGENT_TAG: 'true' }, { reports });
    const accounts = [
      { username: 'lan', displayName: 'Lan', areaCodes: [AREA] },
      { username: 'mai', displayName: 'Mai', areaCodes: [AREA] },
      { username: 'hung', displayName: 'Hùng (Hà Nội)', areaCodes: ['01.00004'] },
      { username: 'sup79', displayName: 'Giám sát 79', role: 'supervisor' as const, province: '79' },
      { username: 'sup01', displayName: 'Giám sát 01', role: 'supervisor' as const, province: '01' },
      { username: 'admin', displayName: 'Quản trị', role: 'admin' as const },
      { username: 'victim', displayName: 'Throttled', areaCodes: [AREA] },
    ];
    for (const account of accounts) await t.app.accounts.create({ ...account, password: PASSWORD });
    t.app.startWorkers();
  }, 60_000);
  afterAll(async () => {
    await t.app.stopWorkers();
    await t.close();
    await graph.close();
  });

  it('logs in with an HttpOnly, SameSite=Strict cookie (Secure behind HTTPS), and logs out', async () => {
    expect((await login(t, 'lan', 'wrong-password')).status).toBe(401);
    expect((await login(t, 'nobody')).status).toBe(401);
    const res = await login(t, 'LAN');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^inbox_session=[\w-]{43}; Path=\/inbox; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const secure = await login(t, 'lan', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure$/);
    // The token is never stored as such.
    const token = cookie.split(';')[0]!.split('=')[1]!;
    expect(JSON.stringify(await t.testDb.db.sql.query('SELECT * FROM inbox_session'))).not.toContain(token);

    const who = await loginAs(t, 'lan');
    expect((await call(t, undefined, 'GET', '/me')).status).toBe(401);
    expect((await call(t, who, 'GET', '/me')).body).toMatchObject({ counselor: { username: 'lan', role: 'counselor', areaCodes: [AREA] } });
    expect((await call(t, who, 'POST', '/logout')).status).toBe(200);
    expect((await call(t, who, 'GET', '/me')).status).toBe(401);

    const expired = await loginAs(t, 'lan');
    await t.testDb.db.sql.query(`UPDATE inbox_session SET expires_at = now() - interval '1 second'`);
    expect((await call(t, expired, 'GET', '/queue')).status).toBe(401);
  });

  it('throttles password guessing per account, then per address, in the database', async () => {
    for (let i = 0; i < 3; i++) expect((await login(t, 'victim', 'guess-' + i)).status).toBe(401);
    // Even the right password waits now.
    const blocked = await login(t, 'victim');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('900');
    // A refused attempt is not even checked, so it is not counted either.
    expect(await t.testDb.db.sql.query(`SELECT 1 FROM login_attempt WHERE account = 'victim'`)).toHaveLength(3);
    // Failures from this address so far: 2 + 3 = 5; three more on other accounts reach the limit of 8.
    for (const name of ['mai', 'sup79', 'sup01']) expect((await login(t, name, 'nope')).status).toBe(401);
    expect((await login(t, 'admin')).status).toBe(429);
    await t.testDb.db.sql.query('DELETE FROM login_attempt');
  });

  it('refuses state-changing requests without the session CSRF token', async () => {
    const sessionId = await residentAsks('8100000000000001');
    const lan = await loginAs(t, 'lan');
    expect((await call(t, lan, 'POST', `/sessions/${sessionId}/claim`, {}, '')).body).toMatchObject({ error: 'csrf' });
    expect((await call(t, lan, 'POST', `/sessions/${sessionId}/claim`, {}, 'x'.repeat(43))).status).toBe(403);
    const other = await loginAs(t, 'lan');
    expect((await call(t, lan, 'POST', `/sessions/${sessionId}/claim`, {}, other.csrf)).status).toBe(403);
    expect((await call(t, lan, 'POST', `/sessions/${sessionId}/notes`, { text: 'x' }, '')).status).toBe(403);
    expect((await call(t, lan, 'POST', '/logout', {}, '')).status).toBe(403);
    expect((await call(t, lan, 'POST', `/sessions/${sessionId}/claim`)).status).toBe(200);
    await call(t, lan, 'POST', `/sessions/${sessionId}/close`, { outcome: 'counselled' });
  });

  it('gives a counselor of another commune 403 everywhere; the province supervisor and admin see it', async () => {
    const sessionId = await residentAsks('8100000000000002');
    const hung = await loginAs(t, 'hung');
    expect((await call(t, hung, 'GET', '/queue')).body).toEqual({ sessions: [] });
    for (const [method, path, body] of [
      ['GET', `/sessions/${sessionId}`, undefined],
      ['POST', `/sessions/${sessionId}/claim`, {}],
      ['POST', `/sessions/${sessionId}/messages`, { text: 'chào' }],
      ['POST', `/sessions/${sessionId}/notes`, { text: 'ghi chú' }],
      ['POST', `/sessions/${sessionId}/close`, { outcome: 'counselled' }],
      ['POST', `/sessions/${sessionId}/transfer`, { areaCode: '01.00004' }],
      ['POST', `/sessions/${sessionId}/report`, { reportId: 'r-79' }],
      ['GET', '/reports/r-79', undefined],
      ['POST', '/reports/r-79/status', { status: 'resolved' }],
    ] as const) {
      expect({ path, method, status: (await call(t, hung, method, path, body)).status }).toEqual({ path, method, status: 403 });
    }
    expect((await call(t, await loginAs(t, 'sup01'), 'GET', `/sessions/${sessionId}`)).status).toBe(403);
    const queueOf = async (username: string) => ((await call(t, await loginAs(t, username), 'GET', '/queue')).body.sessions as { id: string }[]).map((s) => s.id);
    expect(await queueOf('sup79')).toContain(sessionId);
    expect(await queueOf('admin')).toContain(sessionId);
    expect(await queueOf('lan')).toContain(sessionId);
    expect((await call(t, hung, 'GET', '/sessions/no-such-id')).status).toBe(404);
  });

  it('claims once, replies through the outbox as agent, keeps notes private, transfers and closes with an outcome', async () => {
    const psid = '8100000000000003';
    const sessionId = await residentAsks(psid);
    const [lan, mai, hung] = [await loginAs(t, 'lan'), await loginAs(t, 'mai'), await loginAs(t, 'hung')];
    expect((await call(t, mai, 'POST', `/sessions/${sessionId}/messages`, { text: 'chào' })).status).toBe(403);
    expect((await call(t, lan, 'POST', `/sessions/${sessionId}/claim`)).body).toMatchObject({ session: { state: 'active' } });
    expect((await call(t, mai, 'POST', `/sessions/${sessionId}/claim`)).status).toBe(409);
    expect((await call(t, mai, 'POST', `/sessions/${sessionId}/messages`, { text: 'chào' })).status).toBe(403);
    expect((await call(t, mai, 'POST', `/sessions/${sessionId}/close`, { outcome: 'counselled' })).status).toBe(403);
    expect((await call(t, lan, 'POST', `/sessions/${sessionId}/messages`, { text: '' })).status).toBe(400);

    expect((await call(t, lan, 'POST', `/sessions/${sessionId}/messages`, { text: 'Chào bạn, mình là Lan.' })).status).toBe(200);
    expect((await call(t, mai, 'POST', `/sessions/${sessionId}/notes`, { text: 'Có hai con nhỏ' })).status).toBe(200);
    await t.app.workers.outbox.drain();
    expect(sent.filter((m) => m.recipient.id === psid).map((m) => m.message?.text)).toEqual([
      expect.stringContaining('Xin chào! Mình là trợ lý tự động'),
      expect.stringContaining('Đây không phải dịch vụ cấp cứu'),
      expect.stringContaining('trong hàng chờ'),
      expect.stringContaining('Một tư vấn viên đã nhận'),
      'Chào bạn, mình là Lan.',
    ]);
    const purposes = await t.testDb.db.sql.query<{ purpose: string }>(`SELECT purpose FROM outbox_message ORDER BY seq DESC LIMIT 2`);
    expect(purposes.map((p) => p.purpose)).toEqual(['agent', 'agent']);
    const { body } = await call(t, lan, 'GET', `/sessions/${sessionId}`);
    expect((body.transcript as { kind: string; text: string; delivery: string | null }[]).map((m) => [m.kind, m.text, m.delivery])).toEqual([
      ['system', 'claimed', null],
      ['counselor', 'Chào bạn, mình là Lan.', 'sent'],
      ['note', 'Có hai con nhỏ', null],
    ]);

    expect((await call(t, lan, 'POST', `/sessions/${sessionId}/transfer`, { counselorId: 'nobody' })).status).toBe(422);
    const hungId = ((await call(t, hung, 'GET', '/me')).body.counselor as { id: string }).id;
    expect((await call(t, lan, 'POST', `/sessions/${sessionId}/transfer`, { counselorId: hungId })).status).toBe(422);
    const maiId = ((await call(t, mai, 'GET', '/me')).body.counselor as { id: string }).id;
    expect((await call(t, lan, 'POST', `/sessions/${sessionId}/transfer`, { counselorId: maiId })).body).toMatchObject({ session: { counselorId: maiId, state: 'active' } });
    expect((await call(t, lan, 'POST', `/sessions/${sessionId}/close`, { outcome: 'counselled' })).status).toBe(403);
    expect((await call(t, mai, 'POST', `/sessions/${sessionId}/close`, { outcome: 'went_home' })).status).toBe(400);
    expect((await call(t, mai, 'POST', `/sessions/${sessionId}/close`, { outcome: 'referred_legal_aid' })).status).toBe(200);
    expect((await call(t, mai, 'POST', `/sessions/${sessionId}/close`, { outcome: 'referred_legal_aid' })).status).toBe(409);
    expect((await t.app.handoff.find(sessionId))?.outcome).toBe('referred_legal_aid');

    // Every view is audited; only admins read the log.
    expect((await call(t, lan, 'GET', '/audit')).status).toBe(403);
    const entries = (await call(t, await loginAs(t, 'admin'), 'GET', '/audit')).body.entries as { action: string; subjectId: string }[];
    expect(entries.filter((e) => e.subjectId === sessionId).map((e) => e.action).reverse()).toEqual([
      'session.claim',
      'transcript.view',
      'session.transfer',
      'session.close.referred_legal_aid',
    ]);
  });

  it('answers after 24 hours with the HUMAN_AGENT tag', async () => {
    const psid = '8100000000000004';
    const sessionId = await residentAsks(psid);
    const lan = await loginAs(t, 'lan');
    await call(t, lan, 'POST', `/sessions/${sessionId}/claim`);
    await t.testDb.db.sql.query(`UPDATE channel_user SET last_inbound_at = now() - interval '2 days' WHERE id = $1`, [t.app.channelUsers.idFor('messenger', psid)]);
    await call(t, lan, 'POST', `/sessions/${sessionId}/messages`, { text: 'Bạn còn ở đó không?' });
    await t.app.workers.outbox.drain();
    expect(sent.find((m) => m.message?.text === 'Bạn còn ở đó không?')).toEqual({ recipient: { id: psid }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Bạn còn ở đó không?' } });
    await call(t, lan, 'POST', `/sessions/${sessionId}/close`, { outcome: 'no_response' });
  });

  it('streams live events for the counselor’s own areas only', async () => {
    const read = async (username: string) => {
      const who = await loginAs(t, username);
      const controller = new AbortController();
      const res = await fetch(`${t.url}/inbox/api/events`, { headers: { cookie: who.cookie }, signal: controller.signal });
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = res.body!.getReader();
      let text = '';
      const until = async (pattern: RegExp, ms: number): Promise<boolean> => {
        const deadline = Date.now() + ms;
        while (!pattern.test(text) && Date.now() < deadline) {
          const chunk = await Promise.race([reader.read(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), deadline - Date.now()))]);
          if (chunk && !chunk.done) text += new TextDecoder().decode(chunk.value);
        }
        return pattern.test(text);
      };
      return { until, stop: () => controller.abort() };
    };
    const lan = await read('lan');
    const hung = await read('hung');
    expect((await call(t, undefined, 'GET', '/events')).status).toBe(401);
    const sessionId = await residentAsks('8100000000000005');
    expect(await lan.until(new RegExp(`event: handoff\\ndata: \\{"type":"queued","sessionId":"${sessionId}"\\}`), 5000)).toBe(true);
    expect(await hung.until(/event: handoff/, 300)).toBe(false);
    lan.stop();
    hung.stop();
    await t.app.handoff.close((await t.app.handoff.find(sessionId))!, 'no_response');
  });

  it('links a report, shows it (audited) and changes its status; admins create accounts', async () => {
    const sessionId = await residentAsks('8100000000000006');
    const lan = await loginAs(t, 'lan');
    await call(t, lan, 'POST', `/sessions/${sessionId}/claim`);
    expect((await call(t, lan, 'POST', `/sessions/${sessionId}/report`, { reportId: 'r-01' })).status).toBe(403);
    expect((await call(t, lan, 'POST', `/sessions/${sessionId}/report`, { reportId: 'r-79' })).status).toBe(200);
    expect((await call(t, lan, 'GET', '/reports/r-79')).body).toMatchObject({ report: { id: 'r-79', status: 'new' }, statuses: reports.statuses });
    expect((await call(t, lan, 'POST', '/reports/r-79/status', { status: 'nonsense' })).status).toBe(400);
    expect((await call(t, lan, 'POST', '/reports/r-79/status', { status: 'in_progress' })).status).toBe(200);
    expect(reports.reports.get('r-79')?.status).toBe('in_progress');
    expect((await t.app.handoff.find(sessionId))?.reportId).toBe('r-79');

    const account = { username: 'thu', displayName: 'Thu', password: PASSWORD, areaCodes: ['79.26737'] };
    expect((await call(t, lan, 'POST', '/counselors', account)).status).toBe(403);
    const admin = await loginAs(t, 'admin');
    expect((await call(t, admin, 'POST', '/counselors', { ...account, password: 'short' })).status).toBe(400);
    expect((await call(t, admin, 'POST', '/counselors', account)).status).toBe(201);
    expect((await call(t, admin, 'POST', '/counselors', account)).status).toBe(409);
    const thu = await loginAs(t, 'thu');
    const thuId = ((await call(t, thu, 'GET', '/me')).body.counselor as { id: string }).id;
    expect((await call(t, thu, 'GET', '/queue')).body).toEqual({ sessions: [] });
    // An admin moves Thu to the commune of the waiting conversation, then deactivates the account.
    expect((await call(t, lan, 'POST', `/counselors/${thuId}`, { areaCodes: [AREA] })).status).toBe(403);
    expect((await call(t, admin, 'POST', `/counselors/${thuId}`, { areaCodes: ['not a code'] })).status).toBe(400);
    expect((await call(t, admin, 'POST', '/counselors/nobody', { active: false })).status).toBe(404);
    expect((await call(t, admin, 'POST', `/counselors/${thuId}`, { areaCodes: [AREA] })).body).toMatchObject({ counselor: { areaCodes: [AREA] } });
    expect(((await call(t, thu, 'GET', '/queue')).body.sessions as unknown[]).length).toBeGreaterThan(0);
    await call(t, admin, 'POST', `/counselors/${thuId}`, { active: false });
    expect((await call(t, thu, 'GET', '/queue')).status).toBe(401);
    expect((await login(t, 'thu')).status).toBe(401);
    const actions = ((await call(t, admin, 'GET', '/audit')).body.entries as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['report.view', 'report.status.in_progress', 'report.link', 'counselor.create', 'counselor.update']));
  });

  it('serves the page with a strict content security policy, its texts in vi and en, and canned replies', async () => {
    const page = await fetch(`${t.url}/inbox`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<script src="/inbox/assets/inbox.js" defer></script>');
    expect((await fetch(`${t.url}/inbox/assets/..%2Fpackage.json`)).status).toBe(404);
    for (const lang of ['vi', 'en']) {
      const body = (await (await fetch(`${t.url}/inbox/api/texts/${lang}`)).json()) as { texts: { title: string }; canned: { title: string; text: string }[] };
      expect(body.texts.title).toBe(lang === 'vi' ? 'Hộp thư tư vấn' : 'Counselor inbox');
      expect(body.canned.length).toBeGreaterThan(2);
    }
    // No log line carries what residents or counselors wrote, nor tokens.
    expect(t.logs.join('\n')).not.toMatch(/Chào bạn|Có hai con|inbox_session=/);
  });
});
