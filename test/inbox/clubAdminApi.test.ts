import { FIXTURE_YEAR } from '../support/clubFixture.js';
import { call, loginAs, PASSWORD, type Login } from '../support/inboxClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const year = FIXTURE_YEAR;
const CLUB = { code: 'hn 01', name: 'CLB Thôn Đông', province: 'Hà Nội', commune: 'Tản Lĩnh', day_of_month: '15', time: '19:30', place: 'Nhà văn hoá thôn' };

describe('club administration in the inbox', () => {
  let t: TestApp;
  let admin: Login;
  let counselor: Login;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.accounts.create({ username: 'admin', displayName: 'Quản trị', role: 'admin', password: PASSWORD });
    await t.app.accounts.create({ username: 'sup', displayName: 'Giám sát', role: 'supervisor', province: '01', password: PASSWORD });
    admin = await loginAs(t, 'admin');
    counselor = await loginAs(t, 'sup');
  }, 60_000);
  afterAll(() => t.close());

  it('serves the page under the inbox CSP, with no inline script', async () => {
    const page = await fetch(`${t.url}/inbox/clubs`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son\w+=/);
    const script = await fetch(`${t.url}/inbox/clubs/assets/clubs.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${t.url}/inbox/clubs/assets/nope.js`)).status).toBe(404);
    expect((await call(t, undefined, 'GET', '/page-texts/clubs/en')).body).toMatchObject({ texts: { clubAdmin: { title: 'Clubs and meetings' } } });
  });

  it.each([
    ['GET', '/clubs'],
    ['POST', '/clubs'],
    ['GET', '/clubs/HN01/meetings'],
    ['POST', `/clubs/HN01/meetings/${year}-03-15/move`],
    ['POST', `/clubs/HN01/meetings/${year}-03-15/cancel`],
    ['GET', '/meetings/1/figures'],
    ['GET', '/meetings/1/figures/csv'],
  ])('%s %s: 401 logged out, 403 for other roles, 403 without the CSRF token', async (method, path) => {
    expect((await call(t, undefined, method, path)).status).toBe(401);
    expect((await call(t, counselor, method, path, { to: `${year}-03-16` })).body).toMatchObject({ error: 'forbidden' });
    if (method === 'POST') expect((await call(t, admin, method, path, {}, '')).body).toMatchObject({ error: 'csrf' });
  });

  it('adds a club (then again: unchanged), refuses a bad one with the reason, and lists clubs with figures', async () => {
    expect(await call(t, admin, 'POST', '/clubs', CLUB)).toEqual({ status: 201, body: { code: 'HN01', outcome: 'created' } });
    expect(await call(t, admin, 'POST', '/clubs', CLUB)).toEqual({ status: 200, body: { code: 'HN01', outcome: 'unchanged' } });
    expect(await call(t, admin, 'POST', '/clubs', { ...CLUB, time: '7pm' })).toEqual({ status: 400, body: { error: 'invalid_body', message: 'time: HH:MM expected' } });
    const club = (await t.app.reminders.clubs.findByCode('HN01'))!;
    const person = await t.app.channelUsers.touchInbound('messenger', 'PSID1', new Date());
    await t.app.reminders.subscriptions.subscribe(club.id, person, 'messenger', 'vi');
    const { body } = await call(t, admin, 'GET', '/clubs');
    expect(body.clubs).toEqual([
      expect.objectContaining({ code: 'HN01', name: 'CLB Thôn Đông', active: true, nextMeeting: expect.stringMatching(/^\d{4}-\d{2}-15 19:30$/), subscribers: 1, members: 0, remindersSent: 0, rsvpYes: 0, rsvpNo: 0 }),
    ]);
  });

  it('moves and cancels meetings (members are told by the scheduler), shows figures and exports them as CSV, all audit-logged', async () => {
    const moved = await call(t, admin, 'POST', `/clubs/HN01/meetings/${year}-03-15/move`, { to: `${year}-03-17`, time: '08:00', place: 'UBND xã' });
    expect(moved).toMatchObject({ status: 200, body: { meetingId: expect.any(Number), changeId: expect.any(String), withdrawn: 0 } });
    const meetingId = moved.body.meetingId as number;
    expect((await call(t, admin, 'POST', `/clubs/HN01/meetings/${year}-04-15/cancel`)).body).toMatchObject({ changeId: expect.any(String) });
    expect((await call(t, admin, 'POST', `/clubs/HN01/meetings/${year}-04-16/cancel`)).body).toEqual({ error: 'not_found', message: `HN01 has no meeting on ${year}-04-16` });
    expect((await call(t, admin, 'POST', `/clubs/HN01/meetings/${year}-05-15/move`, { to: 'tomorrow' })).status).toBe(400);
    expect((await call(t, admin, 'GET', '/clubs/XX99/meetings')).status).toBe(404);

    const { body } = await call(t, admin, 'GET', '/clubs/HN01/meetings');
    expect(body.meetings).toEqual(
      expect.arrayContaining([
        { id: meetingId, ruleDate: `${year}-03-15`, startsAtLocal: `${year}-03-17 08:00`, place: 'UBND xã', status: 'moved' },
        expect.objectContaining({ ruleDate: `${year}-04-15`, status: 'cancelled' }),
      ]),
    );
    // The page records the two changes for the scheduler, which tells the members (what they receive
    // is tested in MeetingChanges.test.ts; this app has no channel to send on).
    expect(await t.testDb.db.sql.query('SELECT kind FROM meeting_change WHERE notices_enqueued_at IS NULL ORDER BY id')).toEqual([{ kind: 'moved' }, { kind: 'cancelled' }]);

    await t.app.reminders.subscriptions.answer(meetingId, t.app.channelUsers.idFor('messenger', 'PSID1'), 'yes');
    expect((await call(t, admin, 'GET', `/meetings/${meetingId}/figures`)).body).toMatchObject({
      club: { code: 'HN01' },
      startsAtLocal: `${year}-03-17 08:00`,
      stats: { meetingId, subscribers: 1, rsvpYes: 1, rsvpNo: 0, offsets: [] },
    });
    expect((await call(t, admin, 'GET', '/meetings/999999/figures')).status).toBe(404);
    const csv = await fetch(`${t.url}/inbox/api/meetings/${meetingId}/figures/csv`, { headers: { cookie: admin.cookie } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="meeting-${meetingId}-HN01.csv"`);
    expect(await csv.text()).toMatch(/^club_code,club_name,meeting_id,starts_at,offset,sent,delivered,window_closed,failed,pending,rsvp_yes,rsvp_no,subscribers,members\r\n/);

    const { body: audit } = await call(t, admin, 'GET', '/audit');
    expect((audit.entries as { action: string; subjectType: string }[]).map((e) => `${e.action} ${e.subjectType}`).reverse()).toEqual([
      'club.create club',
      'meeting.move meeting',
      'meeting.cancel meeting',
      'meeting.figures.export meeting',
    ]);
  });
});
