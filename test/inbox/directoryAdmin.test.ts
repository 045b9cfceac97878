import { AuditLog } from '../../src/inbox/AuditLog.js';
import { seedDirectory } from '../../src/directory/seedDirectory.js';
import { call, loginEachRole, type Login } from '../support/inboxClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { TEST_DATABASE_URL } from '../support/testDatabase.js';

const path = (id: string) => `/directory/${encodeURIComponent(id)}`;
const place = {
  id: 'ha-noi/cau-giay/hoa-sen',
  kind: 'trusted_address',
  areaCode: 'ha-noi/cau-giay',
  name: { vi: 'Địa chỉ tin cậy Hoa Sen' },
  phone: '024 3942 5555',
  offers: ['counselling', 'shelter'],
};

(TEST_DATABASE_URL ? describe : describe.skip)('directory admin API (PostgreSQL)', () => {
  let t: TestApp;
  let admin: Login;
  let supervisor: Login;
  let counselor: Login;

  beforeAll(async () => {
    t = await startTestApp({ kind: 'postgresql' });
    ({ admin, supervisor, counselor } = await loginEachRole(t));
  });
  afterAll(() => t.close());

  it('is for admins only: 401 logged out, 403 for counselors and supervisors, 403 without the CSRF token', async () => {
    for (const [method, route] of [['GET', '/directory'], ['POST', '/directory'], ['POST', path('vn/113')], ['POST', `${path('vn/113')}/remove`]] as const) {
      expect((await call(t, undefined, method, route, place)).status).toBe(401);
      expect((await call(t, counselor, method, route, place)).status).toBe(403);
      expect((await call(t, supervisor, method, route, place)).body).toEqual({ error: 'forbidden', message: 'Only admins edit the directory.' });
    }
    expect((await call(t, admin, 'POST', '/directory', place, '')).body.error).toBe('csrf');
    expect(await t.app.directory.find(place.id)).toBeUndefined();
  });

  it('lists entries filtered by area (a province takes in its communes) and kind', async () => {
    const ids = async (query: string) => ((await call(t, admin, 'GET', `/directory${query}`)).body.entries as { id: string }[]).map((entry) => entry.id);
    expect(await ids('?kind=hotline')).toEqual(['ha-noi/hotline', 'vn/111', 'vn/113', 'vn/115']);
    const hanoi = await ids('?area=ha-noi');
    expect(hanoi).toEqual(expect.arrayContaining(['ha-noi/cau-giay/trusted-address', 'ha-noi/prevention-group', 'ha-noi/quan-cau-giay/club']));
    expect(hanoi.every((id) => id.startsWith('ha-noi/'))).toBe(true);
    expect(await ids('?area=ha-noi&kind=prevention_group')).toEqual(['ha-noi/prevention-group', 'ha-noi/huyen-soc-son/prevention-group']);
    expect(await call(t, admin, 'GET', '/directory?kind=bakery')).toMatchObject({ status: 400, body: { error: 'invalid_query', message: expect.stringMatching(/^kind: /) } });
  });

  it('creates, updates and removes an entry, each audit-logged, with clear 4xx for bad input', async () => {
    const created = await call(t, admin, 'POST', '/directory', place);
    expect(created.status).toBe(201);
    expect(created.body.entry).toMatchObject({ id: place.id, managedBy: 'admin', active: true, name: { vi: 'Địa chỉ tin cậy Hoa Sen', en: '' } });
    expect((await call(t, admin, 'POST', '/directory', place)).status).toBe(409);

    expect(await call(t, admin, 'POST', '/directory', { ...place, id: 'ha-noi/x', phone: 'gọi chị Lan' })).toEqual({
      status: 400,
      body: { error: 'invalid_body', message: 'phone: digits, spaces, dots or dashes expected' },
    });
    expect((await call(t, admin, 'POST', '/directory', { ...place, id: 'ha-noi/y', areaCode: 'atlantis' })).body).toEqual({ error: 'invalid_body', message: 'areaCode: unknown area atlantis' });
    expect((await call(t, admin, 'POST', '/directory', { ...place, id: 'ha-noi/z', kind: 'bakery', name: { vi: '' } })).body.message).toMatch(/^kind: .*; name\.vi: /);
    expect((await call(t, admin, 'POST', path('nowhere/none'), place)).status).toBe(404);

    const { id: _id, ...change } = place;
    const updated = await call(t, admin, 'POST', path(place.id), { ...change, phone: '024 3942 6666' });
    expect(updated.status).toBe(200);
    expect(updated.body.entry).toMatchObject({ phone: '024 3942 6666' });
    expect((await call(t, admin, 'POST', `${path(place.id)}/remove`, {})).status).toBe(200);
    expect((await t.app.directory.nearest('ha-noi/cau-giay')).map((entry) => entry.id)).not.toContain(place.id);
    expect((await call(t, admin, 'POST', `${path('nowhere/none')}/remove`, {})).status).toBe(404);

    const audit = (await new AuditLog(t.testDb.db.sql).recent()).filter((entry) => entry.subjectType === 'directory');
    expect(audit.map((entry) => [entry.action, entry.subjectId])).toEqual([
      ['directory.remove', place.id],
      ['directory.update', place.id],
      ['directory.create', place.id],
    ]);
  });

  it("keeps an admin's edit of a seeded entry, and its removal, through a re-seed", async () => {
    const before = await t.app.directory.find('ha-noi/prevention-group');
    const { id: _id, active: _active, managedBy: _managedBy, updatedAt: _updatedAt, ...change } = before!;
    expect((await call(t, admin, 'POST', path('ha-noi/prevention-group'), { ...change, phone: '024 3942 7777' })).status).toBe(200);
    expect((await call(t, admin, 'POST', `${path('hue/thuan-hoa/trusted-address')}/remove`, {})).status).toBe(200);
    await seedDirectory(t.app.directory);
    expect(await t.app.directory.find('ha-noi/prevention-group')).toMatchObject({ phone: '024 3942 7777', managedBy: 'admin', active: true });
    expect(await t.app.directory.find('hue/thuan-hoa/trusted-address')).toMatchObject({ active: false, managedBy: 'admin' });
  });

  it('serves the page and its script under the inbox CSP, and its texts', async () => {
    const page = await fetch(`${t.url}/inbox/directory`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).not.toMatch(/<script>|\son[a-z]+=/);
    for (const asset of ['/inbox/directory/assets/directory.js', '/inbox/assets/inboxPage.js']) expect((await fetch(`${t.url}${asset}`)).status).toBe(200);
    const texts = (await (await fetch(`${t.url}/inbox/api/page-texts/directory/en`)).json()) as { texts: { directoryAdmin: { title: string }; directory: { kind: Record<string, string> } } };
    expect([texts.texts.directoryAdmin.title, texts.texts.directory.kind.hotline]).toEqual(['Directory of help', 'hotline']);
  });
});
