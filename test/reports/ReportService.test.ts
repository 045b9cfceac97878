import { ReferenceCodeExhaustedError, ReportService, type ReportSubmission } from '../../src/reports/ReportService.js';
import { createTestDatabase, DATABASE_KINDS, TEST_DATABASE_URL, type TestDatabase } from '../support/testDatabase.js';
import { testSecretBox } from '../support/testSecretBox.js';

const DESCRIPTION = 'Chồng tôi đánh tôi bằng thắt lưng tối qua';
const PHONE = '0912345678';
const PLACE = 'xóm Chùa, gần chợ';

const submission = (overrides: Partial<ReportSubmission> = {}): ReportSubmission => ({
  reporter: { channel: 'emulator', pseudonym: 'p-1' },
  dangerNow: false,
  affected: 'self',
  kinds: ['physical', 'economic'],
  place: { provinceCode: 'ha-noi', districtCode: 'ha-noi/quan-cau-giay', communeCode: 'ha-noi/cau-giay', text: PLACE },
  when: 'today',
  ongoing: 'yes',
  description: [DESCRIPTION, 'Anh ấy giữ hết tiền lương của tôi'],
  contact: { via: 'phone', phone: PHONE, hours: 'Tối, 18–21 giờ' },
  ...overrides,
});

/** Routes every area to itself, the national queue when there is none. */
const route = async (areaCode: string | undefined) => areaCode ?? 'vn';

describe.each(DATABASE_KINDS)('ReportService on %s', (kind) => {
  let testDb: TestDatabase;
  let reports: ReportService;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    reports = new ReportService(testDb.db, testSecretBox(), route);
  });
  afterAll(() => testDb.dispose());

  it('files a report and reads it back whole, routed by its most precise area', async () => {
    const { id, code, routedAreaCode } = await reports.submit(submission());
    expect(routedAreaCode).toBe('ha-noi/cau-giay');
    expect(await reports.read(id)).toEqual({
      id,
      code,
      status: 'received',
      outcomes: [],
      urgency: 'ongoing',
      affected: 'self',
      kinds: ['physical', 'economic'],
      provinceCode: 'ha-noi',
      districtCode: 'ha-noi/quan-cau-giay',
      communeCode: 'ha-noi/cau-giay',
      routedAreaCode: 'ha-noi/cau-giay',
      details: { dangerNow: false, placeText: PLACE, when: 'today', ongoing: 'yes', description: [DESCRIPTION, 'Anh ấy giữ hết tiền lương của tôi'] },
      contact: { via: 'phone', phone: PHONE, hours: 'Tối, 18–21 giờ' },
      additions: [],
      createdAt: expect.any(Date),
    });
  });

  it('records what was done and when when a report is closed, and forgets it when reopened', async () => {
    const { id } = await reports.submit(submission());
    expect(await reports.setStatus(id, 'closed', ['fined', 'counselled_psychological'])).toBe(true);
    const [closed] = await testDb.db.sql.query<{ outcomes: string[]; closed_at: Date | null }>('SELECT outcomes::text[] AS outcomes, closed_at FROM reports WHERE id = $1', [id]);
    expect(closed).toEqual({ outcomes: ['fined', 'counselled_psychological'], closed_at: expect.any(Date) });
    await reports.setStatus(id, 'in_progress');
    expect(await testDb.db.sql.query('SELECT closed_at FROM reports WHERE id = $1', [id])).toEqual([{ closed_at: null }]);
  });

  it('files a report with every answer skipped', async () => {
    const { id } = await reports.submit({ reporter: { channel: 'emulator', pseudonym: 'p-2' }, kinds: [], place: {}, description: [], contact: { via: 'none' } });
    expect(await reports.read(id)).toMatchObject({ urgency: 'unknown', kinds: [], routedAreaCode: 'vn', contact: { via: 'none' }, details: { description: [] } });
  });

  it('keeps the description, the typed place and the contact encrypted in the raw rows', async () => {
    const { id, code } = await reports.submit(submission());
    await reports.addInformation(code, 'Hôm nay anh ấy lại dọa tôi');
    const [row] = await testDb.db.sql.query('SELECT * FROM reports WHERE id = $1', [id]);
    const additions = await testDb.db.sql.query('SELECT * FROM report_additions WHERE report_id = $1', [id]);
    const raw = JSON.stringify([row, additions]);
    for (const secret of [DESCRIPTION, 'thắt lưng', PHONE, PLACE, 'Tối, 18–21 giờ', 'dọa tôi']) expect(raw).not.toContain(secret);
    expect(row).toMatchObject({ details_sealed: expect.stringMatching(/^v1\.test\./), contact_sealed: expect.stringMatching(/^v1\.test\./), reporter_pseudonym: 'p-1' });
    expect(additions).toEqual([expect.objectContaining({ text_sealed: expect.stringMatching(/^v1\.test\./) })]);
  });

  it('derives urgency: danger now, else still happening, else over', async () => {
    const urgency = async (answers: Partial<ReportSubmission>) => (await reports.read((await reports.submit(submission(answers))).id))?.urgency;
    expect(await urgency({ dangerNow: true, ongoing: 'no' })).toBe('immediate');
    expect(await urgency({ when: 'now', ongoing: undefined })).toBe('ongoing');
    expect(await urgency({ ongoing: 'no' })).toBe('past');
    expect(await urgency({ ongoing: 'unsure' })).toBe('unknown');
  });

  it('looks a report up by its code in any spelling, and adds information to it', async () => {
    const { id, code } = await reports.submit(submission());
    const spaced = `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`;
    expect(await reports.statusByCode(spaced)).toBe('received');
    expect(await reports.addInformation(spaced, 'Thêm một chuyện nữa')).toBe(true);
    expect((await reports.read(id))?.additions.map((a) => a.text)).toEqual(['Thêm một chuyện nữa']);
    await testDb.db.prisma.report.update({ where: { id }, data: { status: 'referred_police' } });
    expect(await reports.statusByCode(code)).toBe('referred_police');
  });

  it('knows no report for an unknown or malformed code', async () => {
    expect(await reports.statusByCode('ZZZZZZZZ')).toBeUndefined();
    expect(await reports.statusByCode('not a code')).toBeUndefined();
    expect(await reports.addInformation('ZZZZZZZZ', 'x')).toBe(false);
  });

  it('allows contacting a reporter first only the way they agreed to', async () => {
    const none = await reports.submit(submission({ contact: { via: 'none' } }));
    const phone = await reports.submit(submission());
    const chat = await reports.submit(submission({ contact: { via: 'chat', conversation: { channelId: 'emulator', conversation: { id: 'c', isGroup: false, conversationType: '', name: '' } } } }));
    expect([await reports.canContactReporter(none.id, 'phone'), await reports.canContactReporter(none.id, 'chat')]).toEqual([false, false]);
    expect([await reports.canContactReporter(phone.id, 'phone'), await reports.canContactReporter(phone.id, 'chat')]).toEqual([true, false]);
    expect([await reports.canContactReporter(chat.id, 'phone'), await reports.canContactReporter(chat.id, 'chat')]).toEqual([false, true]);
    expect(await reports.canContactReporter('00000000-0000-0000-0000-000000000000', 'chat')).toBe(false);
  });

  it('de-identifies a reporter\'s reports: no pseudonym, no contact, but the report and its code stay', async () => {
    const mine = await reports.submit(submission({ reporter: { channel: 'emulator', pseudonym: 'p-forget' } }));
    const other = await reports.submit(submission({ reporter: { channel: 'emulator', pseudonym: 'p-keep' } }));
    expect(await reports.deidentifyReporter('p-forget')).toBe(1);
    const [row] = await testDb.db.sql.query('SELECT reporter_pseudonym, channel, contact_consent, contact_sealed FROM reports WHERE id = $1', [mine.id]);
    expect(row).toEqual({ reporter_pseudonym: null, channel: null, contact_consent: 'none', contact_sealed: null });
    expect(await reports.canContactReporter(mine.id, 'phone')).toBe(false);
    expect(await reports.read(mine.id)).toMatchObject({ contact: { via: 'none' }, details: { description: [DESCRIPTION, expect.any(String)] } });
    expect(await reports.statusByCode(mine.code)).toBe('received');
    expect(await reports.canContactReporter(other.id, 'phone')).toBe(true);
  });

  it('draws another code when the first is taken, and gives up after five', async () => {
    const taken = (await reports.submit(submission())).code;
    const codes = [taken, taken, 'BBBBBBBB'];
    const retrying = new ReportService(testDb.db, testSecretBox(), route, () => codes.shift()!);
    expect((await retrying.submit(submission())).code).toBe('BBBBBBBB');
    const stuck = new ReportService(testDb.db, testSecretBox(), route, () => taken);
    await expect(stuck.submit(submission())).rejects.toBeInstanceOf(ReferenceCodeExhaustedError);
  });
});

// On PostgreSQL when CI provides it (real concurrency, a connection pool), on PGlite otherwise.
const concurrencyKind = TEST_DATABASE_URL ? 'postgresql' : 'pglite';
describe(`reference codes under 10,000 concurrent reports on ${concurrencyKind}`, () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(concurrencyKind);
  });
  afterAll(() => testDb.dispose());

  it('are all unique', async () => {
    const reports = new ReportService(testDb.db, testSecretBox(), route);
    const report = submission({ description: [], contact: { via: 'none' } });
    const results = await Promise.all(Array.from({ length: 10_000 }, () => reports.submit(report)));
    expect(new Set(results.map((r) => r.code)).size).toBe(10_000);
    const [{ count, uniq }] = (await testDb.db.sql.query<{ count: string; uniq: string }>(
      'SELECT count(*)::text AS count, count(DISTINCT code)::text AS uniq FROM reports',
    )) as [{ count: string; uniq: string }];
    expect({ count, uniq }).toEqual({ count: '10000', uniq: '10000' });
  }, 180_000);
});
