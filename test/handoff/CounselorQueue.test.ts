import { AreaCatalog } from '../../src/areas/AreaCatalog.js';
import { DirectoryEntries, directoryEntryInputSchema, NATIONAL_AREA } from '../../src/directory/DirectoryEntries.js';
import { TrustedAddressLookup } from '../../src/directory/TrustedAddressLookup.js';
import { CounselorQueue } from '../../src/handoff/CounselorQueue.js';
import { CounselorRequests } from '../../src/handoff/CounselorRequests.js';
import { ReportService, type ReportSubmission } from '../../src/reports/ReportService.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/testDatabase.js';
import { testSecretBox } from '../support/testSecretBox.js';

const areas = AreaCatalog.load();
// Teams: one commune (Cầu Giấy), one former district (Sóc Sơn), one province (Hà Nội); none in Điện Biên.
const TEAM_AREAS = ['ha-noi/cau-giay', 'ha-noi/huyen-soc-son', 'ha-noi'];

const reportFrom = (place: ReportSubmission['place'], dangerNow = false): ReportSubmission => ({
  reporter: { channel: 'emulator', pseudonym: 'p' },
  dangerNow,
  kinds: [],
  place,
  description: [],
  contact: { via: 'none' },
});

describe.each(DATABASE_KINDS)('counselor queue on %s', (kind) => {
  let testDb: TestDatabase;
  let reports: ReportService;
  let requests: CounselorRequests;
  let queue: CounselorQueue;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    const directory = new DirectoryEntries(testDb.db.sql, areas, { includeSamples: false });
    for (const areaCode of TEAM_AREAS) {
      await directory.upsert(directoryEntryInputSchema.parse({ id: `${areaCode}/team`, kind: 'prevention_group', areaCode, name: { vi: areaCode }, phone: '113' }), 'seed');
    }
    const teams = new TrustedAddressLookup(directory);
    reports = new ReportService(testDb.db, testSecretBox(), (code) => teams.coveringArea(code));
    requests = new CounselorRequests(testDb.db, testSecretBox());
    queue = new CounselorQueue(testDb.db);
  });
  // Each case reads whole queues: start from empty tables.
  beforeEach(() => testDb.db.sql.exec('TRUNCATE reports, counselor_requests CASCADE'));
  afterAll(() => testDb.dispose());

  /** Pins a row's creation time so the order is certain. */
  const at = (table: 'reports' | 'counselor_requests', id: string, iso: string) =>
    testDb.db.sql.query(`UPDATE ${table} SET created_at = $2 WHERE id = $1`, [id, iso]);

  it('routes a report to its commune\'s team, falling back to the district\'s, the province\'s, then the national one', async () => {
    const commune = await reports.submit(reportFrom({ provinceCode: 'ha-noi', districtCode: 'ha-noi/quan-cau-giay', communeCode: 'ha-noi/cau-giay' }));
    const district = await reports.submit(reportFrom({ provinceCode: 'ha-noi', districtCode: 'ha-noi/huyen-soc-son', communeCode: 'ha-noi/kim-anh' }));
    const province = await reports.submit(reportFrom({ provinceCode: 'ha-noi', districtCode: 'ha-noi/quan-ba-dinh', communeCode: 'ha-noi/ngoc-ha' }));
    const provinceOnly = await reports.submit(reportFrom({ provinceCode: 'ha-noi' }));
    const national = await reports.submit(reportFrom({ provinceCode: 'dien-bien', communeCode: 'dien-bien/muong-thanh' }));
    const nowhere = await reports.submit(reportFrom({ text: 'một làng nào đó' }));
    const codes = async (area: string) => (await queue.list([area])).map((item) => item.code).sort();
    expect(await codes('ha-noi/cau-giay')).toEqual([commune.code]);
    expect(await codes('ha-noi/huyen-soc-son')).toEqual([district.code]);
    expect(await codes('ha-noi')).toEqual([province.code, provinceOnly.code].sort());
    expect(await codes(NATIONAL_AREA)).toEqual([national.code, nowhere.code].sort());
  });

  it('lists danger first (newest first), then the rest oldest first, with requests, and only what is open', async () => {
    const old = await reports.submit(reportFrom({ provinceCode: 'ha-noi' }));
    const recent = await reports.submit(reportFrom({ provinceCode: 'ha-noi' }));
    const oldDanger = await reports.submit(reportFrom({ provinceCode: 'ha-noi' }, true));
    const newDanger = await requests.request({ person: { channel: 'emulator', pseudonym: 'p-req' }, priority: 'urgent', reason: 'weapon', routedAreaCode: 'ha-noi', conversation: {} });
    const closed = await reports.submit(reportFrom({ provinceCode: 'ha-noi' }));
    const elsewhere = await reports.submit(reportFrom({ provinceCode: 'ha-noi', communeCode: 'ha-noi/cau-giay' }));
    await at('reports', old.id, '2026-01-01T08:00:00Z');
    await at('reports', recent.id, '2026-01-01T10:00:00Z');
    await at('reports', oldDanger.id, '2026-01-01T09:00:00Z');
    await at('counselor_requests', newDanger, '2026-01-01T11:00:00Z');
    await testDb.db.prisma.report.update({ where: { id: closed.id }, data: { status: 'closed' } });
    const list = await queue.list(['ha-noi']);
    expect(list.map((item) => [item.kind, item.id, item.danger])).toEqual([
      ['request', newDanger, true],
      ['report', oldDanger.id, true],
      ['report', old.id, false],
      ['report', recent.id, false],
    ]);
    expect((await queue.list(['ha-noi', 'ha-noi/cau-giay'])).map((item) => item.id)).toContain(elsewhere.id);
  });

  it('keeps one open request per person, never lowering its priority', async () => {
    const person = { channel: 'emulator', pseudonym: 'p-twice' };
    const first = await requests.request({ person, priority: 'urgent', reason: 'violence', routedAreaCode: 'ha-noi', conversation: {} });
    const second = await requests.request({ person, priority: 'normal', reason: 'menu', routedAreaCode: 'ha-noi', conversation: {} });
    expect(second).toBe(first);
    expect(await testDb.db.prisma.counselorRequest.findMany({ select: { priority: true, reason: true } })).toEqual([{ priority: 'urgent', reason: 'menu' }]);
  });

  it('erases a person\'s open requests and strips the answered ones of who asked and where to answer', async () => {
    const person = { channel: 'emulator', pseudonym: 'p-erase' };
    const answered = await requests.request({ person, priority: 'urgent', reason: 'violence', routedAreaCode: 'ha-noi', conversation: { channelId: 'emulator' } });
    await testDb.db.prisma.counselorRequest.update({ where: { id: answered }, data: { status: 'closed' } });
    const open = await requests.request({ person, priority: 'normal', reason: 'menu', routedAreaCode: 'ha-noi', conversation: { channelId: 'emulator' } });
    const someoneElse = await requests.request({ person: { channel: 'emulator', pseudonym: 'p-other' }, priority: 'normal', reason: 'menu', routedAreaCode: 'ha-noi', conversation: {} });
    await requests.eraseFor('p-erase');
    const rows = await testDb.db.sql.query('SELECT id, pseudonym, conversation_sealed FROM counselor_requests ORDER BY id');
    expect(rows).toEqual(
      [
        { id: answered, pseudonym: null, conversation_sealed: null },
        { id: someoneElse, pseudonym: 'p-other', conversation_sealed: expect.stringMatching(/^v1\./) },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(rows.map((row) => row.id)).not.toContain(open);
  });
});
