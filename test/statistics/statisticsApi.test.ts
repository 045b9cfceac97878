import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { directoryEntryInputSchema } from '../../src/directory/DirectoryEntries.js';
import type { SqlExecutor } from '../../src/store/Database.js';
import { call, loginAs, loginEachRole, PASSWORD, type Login } from '../support/inboxClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { TEST_DATABASE_URL } from '../support/testDatabase.js';

/** A report as seeded: its area, when (UTC), and what it says. */
interface SeedReport {
  area: string | null;
  at: string;
  kinds?: string[];
  affected?: string | null;
  urgency?: string;
  status?: string;
  outcomes?: string[];
}

async function seedReport(sql: SqlExecutor, report: SeedReport): Promise<void> {
  const [province, commune] = report.area ? [report.area.split(/[./]/)[0], report.area] : [null, null];
  await sql.query(
    `INSERT INTO reports (id, code, kinds, affected, province_code, commune_code, routed_area_code, urgency, status, outcomes, details_sealed, created_at, updated_at)
     VALUES ($1, $2, $3::violence_kind[], $4::affected_person, $5, $6, $7, $8::report_urgency, $9::report_status, $10::report_outcome[], 'sealed', $11, $11)`,
    [randomUUID(), randomUUID().slice(0, 8), report.kinds ?? ['physical'], report.affected === undefined ? 'self' : report.affected, province, commune, report.area ?? 'national', report.urgency ?? 'ongoing', report.status ?? 'received', report.outcomes ?? [], report.at],
  );
}

async function seedHandoff(sql: SqlExecutor, session: { area: string; at: string; claimAfterMin?: number; replyAfterMin?: number; outcome?: string }): Promise<void> {
  const at = new Date(session.at);
  const plus = (minutes: number | undefined) => (minutes === undefined ? null : new Date(at.getTime() + minutes * 60_000));
  await sql.query(
    `INSERT INTO handoff_session (id, channel, person_id, area_code, state, outcome, requested_at, claimed_at, first_reply_at, closed_at)
     VALUES ($1, 'messenger', $2, $3, $4, $5, $6, $7, $8, $9)`,
    [randomUUID(), randomUUID(), session.area, session.outcome ? 'closed' : 'waiting', session.outcome ?? null, at, plus(session.claimAfterMin), plus(session.replyAfterMin), session.outcome ? plus(30) : null],
  );
}

/** H1 2026 in the query string the page sends. */
const H1 = 'from=2026-01-01&to=2026-06-30';

type Table = { columns: string[]; rows: { key: string; label: string; cells: (number | string | null)[] }[] };

function cell(table: Table, row: string, column: string): number | string | null | undefined {
  return table.rows.find((r) => r.key === row)?.cells[table.columns.indexOf(column)];
}

(TEST_DATABASE_URL ? describe : describe.skip)('statistics (PostgreSQL)', () => {
  let t: TestApp;
  let admin: Login;
  let supervisor: Login;
  let counselor: Login;

  beforeAll(async () => {
    t = await startTestApp({ kind: 'postgresql' });
    const sql = t.testDb.db.sql;
    // Province 79, commune 26734: 7 reports in March, all closed; 2 also name mental violence, 1 was fined.
    for (let i = 0; i < 7; i++) {
      await seedReport(sql, { area: '79.26734', at: '2026-03-10T03:00:00Z', kinds: i < 2 ? ['physical', 'mental'] : ['physical'], status: 'closed', outcomes: i < 6 ? ['counselled_psychological'] : ['fined'] });
    }
    // Commune 26737: 4 in April, 2 on 30 June (local), one of them at 23:30 Vietnam time.
    for (let i = 0; i < 4; i++) await seedReport(sql, { area: '79.26737', at: '2026-04-02T03:00:00Z' });
    await seedReport(sql, { area: '79.26737', at: '2026-06-30T10:00:00Z' });
    await seedReport(sql, { area: '79.26737', at: '2026-06-30T16:30:00Z' });
    // Outside the period by local time: 31 Dec 23:00 and 1 July 00:00 in Vietnam.
    await seedReport(sql, { area: '79.26734', at: '2025-12-31T16:00:00Z' });
    await seedReport(sql, { area: '79.26737', at: '2026-06-30T17:00:00Z' });
    // Elsewhere: Hà Nội (catalog slugs) 2, no area 1.
    for (let i = 0; i < 2; i++) await seedReport(sql, { area: 'ha-noi/ba-dinh', at: '2026-02-01T03:00:00Z', affected: 'elderly', urgency: 'past' });
    await seedReport(sql, { area: null, at: '2026-02-01T03:00:00Z', affected: null, urgency: 'unknown' });

    // Handoffs: 6 in February in 26734, claimed after 2..12 minutes, first reply a minute later; 5 waiting in May in 26737.
    for (let i = 0; i < 6; i++) {
      await seedHandoff(sql, { area: '79.26734', at: '2026-02-05T02:00:00Z', claimAfterMin: 2 * (i + 1), replyAfterMin: 2 * (i + 1) + 1, outcome: i < 4 ? 'counselled' : 'referred_police' });
    }
    for (let i = 0; i < 5; i++) await seedHandoff(sql, { area: '79.26737', at: '2026-05-05T02:00:00Z' });

    // A club in 79 with one meeting in March: 6 reminders handed over, 5 delivered; 6 yes, 2 no; 12 came.
    const [club] = await sql.query<{ id: number }>(`INSERT INTO club (code, name, province, anchor_month, meeting_time, day_of_month) VALUES ('HCM01', 'CLB 1', '79', '2026-01', '19:00', 15) RETURNING id`);
    await sql.query(`INSERT INTO club (code, name, province, anchor_month, meeting_time, day_of_month) VALUES ('HN01', 'CLB HN', 'ha-noi', '2026-01', '19:00', 15)`);
    const [meeting] = await sql.query<{ id: number }>(`INSERT INTO meeting (club_id, rule_date, starts_at, place, attendance) VALUES ($1, '2026-03-15', '2026-03-15T12:00:00Z', 'Nhà văn hoá', 12) RETURNING id`, [club!.id]);
    for (let i = 0; i < 8; i++) {
      const person = `p${i}`;
      if (i < 6) {
        await sql.query(`INSERT INTO outbox_message (channel, lane_key, dedupe_key, purpose, payload, status) VALUES ('messenger', $1, $2, 'reminder', '', $3)`, [person, `reminder:${i}`, i < 5 ? 'sent' : 'failed']);
        await sql.query(`INSERT INTO reminder (meeting_id, channel_user_id, offset_key, due_at, status, outbox_key) VALUES ($1, $2, '2h', '2026-03-15T10:00:00Z', 'enqueued', $3)`, [meeting!.id, person, `reminder:${i}`]);
      }
      await sql.query(`INSERT INTO meeting_rsvp (meeting_id, channel_user_id, answer) VALUES ($1, $2, $3)`, [meeting!.id, person, i < 6 ? 'yes' : 'no']);
    }
    // Legal topics: 7 + 3 on one card, 2 on another, and 50 before the period.
    await sql.query(`INSERT INTO legal_topic_count (day, topic, count) VALUES ('2026-03-01', 'protection-measures', 7), ('2026-03-02', 'protection-measures', 3), ('2026-03-02', 'divorce-process', 2), ('2025-12-31', 'divorce-process', 50)`);

    ({ admin, supervisor, counselor } = await loginEachRole(t));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('refuses counselors, anonymous visitors and a malformed query', async () => {
    expect((await call(t, counselor, 'GET', `/statistics?${H1}`)).status).toBe(403);
    expect((await call(t, undefined, 'GET', `/statistics?${H1}`)).status).toBe(401);
    expect(await call(t, supervisor, 'GET', '/statistics?from=2026-13-01')).toMatchObject({ status: 400, body: { error: 'invalid_query', message: expect.stringMatching(/^from: /) } });
    expect((await fetch(`${t.url}/inbox/api/statistics/export.csv?${H1}`, { headers: { cookie: counselor.cookie } })).status).toBe(403);
    expect((await call(t, counselor, 'POST', '/statistics/meetings/1/attendance', { attendance: 3 })).status).toBe(403);
  });

  it("gives a supervisor their province's communes with the known counts, small ones as '< 5'", async () => {
    const { status, body } = await call(t, supervisor, 'GET', `/statistics?${H1}&by=area`);
    expect(status).toBe(200);
    const areas = body.areas as Table;
    // The club list knows clubs by province only: even per area, their count is in the province's row.
    expect(areas.rows.map((row) => row.key)).toEqual(['79', '79.26734', '79.26737', '*']);
    const expected: Record<string, Record<string, number | string | null>> = {
      '79.26734': {
        'reports.total': 7, 'reports.kind.physical': 7, 'reports.kind.mental': '< 5', 'reports.affected.self': 7, 'reports.urgency.ongoing': 7,
        'reports.status.closed': 7, 'reports.status.received': 0, 'reports.outcome.counselled_psychological': 6, 'reports.outcome.fined': '< 5',
        'handoffs.total': 6, 'handoffs.outcome.counselled': '< 5', 'handoffs.outcome.referred_police': '< 5', 'handoffs.outcome.open': 0,
        'handoffs.wait.p50': 7, 'handoffs.wait.p90': 11, 'handoffs.firstReply.p50': 8, 'handoffs.firstReply.p90': 12,
      },
      '79.26737': { 'reports.total': 6, 'reports.status.received': 6, 'handoffs.total': 5, 'handoffs.outcome.open': 5, 'handoffs.wait.p50': null },
      '*': { 'reports.total': 13, 'reports.kind.physical': 13, 'reports.kind.mental': '< 5', 'reports.status.closed': 7, 'reports.status.received': 6, 'handoffs.total': 11, 'handoffs.wait.p50': 7 },
    };
    for (const [row, columns] of Object.entries(expected)) {
      for (const [column, value] of Object.entries(columns)) expect([row, column, cell(areas, row, column)]).toEqual([row, column, value]);
    }
    const trend = body.trend as Table;
    expect(trend.rows.map((row) => [row.key, ...row.cells])).toEqual([
      ['2026-01', 0, 0], ['2026-02', 0, 6], ['2026-03', 7, 0], ['2026-04', '< 5', 0], ['2026-05', 0, 5], ['2026-06', '< 5', 0], ['*', 13, 11],
    ]);
    // Only the supervisor's clubs; attendance and RSVPs next to each other.
    expect((body.clubs as Table).rows).toEqual([{ key: 'HCM01', label: 'HCM01', cells: [1, 6, 5, 6, '< 5', 12, 1] }, { key: '*', label: 'Tổng cộng', cells: [1, 6, 5, 6, '< 5', 12, 1] }]);
    expect(body.meetings).toEqual([expect.objectContaining({ clubCode: 'HCM01', rsvpYes: 6, rsvpNo: '< 5', attendance: 12 })]);
    // 12 − 2 would give the 10 of the other topic away, so it is hidden as well.
    // Topics by their cards' titles, in the viewer's language.
    expect((body.legalTopics as Table).rows).toEqual([
      { key: 'protection-measures', label: 'Các biện pháp ngăn chặn, bảo vệ, hỗ trợ người bị bạo lực', cells: ['x'] },
      { key: 'divorce-process', label: 'Ly hôn diễn ra thế nào: hòa giải, Tòa án, khi nào hết là vợ chồng', cells: ['< 5'] },
      { key: '*', label: 'Tổng cộng', cells: [12] },
    ]);
  });

  it('gives an admin every province, with unknown areas and small provinces suppressed', async () => {
    const areas = (await call(t, admin, 'GET', `/statistics?${H1}`)).body.areas as Table;
    // `vn`: the national hotlines.
    expect(areas.rows.map((row) => row.key)).toEqual(['', '79', 'ha-noi', 'vn', '*']);
    // Named from the area catalog where it knows the code; '79' is not in it.
    expect(areas.rows.map((row) => row.label)).toEqual(['Chưa rõ địa bàn', '79', 'Hà Nội', 'Toàn quốc', 'Tổng cộng']);
    expect(cell(areas, '79', 'reports.total')).toBe(13);
    expect(cell(areas, 'ha-noi', 'reports.total')).toBe('< 5');
    expect(cell(areas, '', 'reports.total')).toBe('< 5');
    expect(cell(areas, '*', 'reports.total')).toBe(16);
    // Two hidden cells in the column: 16 − 13 tells only that they add up to 3.
    expect(cell(areas, 'ha-noi', 'reports.affected.elderly')).toBe('< 5');
  });

  it('never publishes a lone hidden cell of an additive group (nothing to subtract)', async () => {
    // A third province with 6 reports, one of them of an unknown urgency: 5 "ongoing" must hide too.
    const sql = t.testDb.db.sql;
    for (let i = 0; i < 6; i++) await seedReport(sql, { area: 'hue/phu-xuan', at: '2026-05-01T03:00:00Z', urgency: i === 0 ? 'unknown' : 'ongoing' });
    try {
      const areas = (await call(t, admin, 'GET', `/statistics?${H1}`)).body.areas as Table;
      expect(cell(areas, 'hue', 'reports.urgency.unknown')).toBe('< 5');
      expect(cell(areas, 'hue', 'reports.urgency.ongoing')).toBe('x');
      for (const row of areas.rows) {
        for (const prefix of ['reports.urgency.', 'reports.status.', 'reports.affected.']) {
          const group = [...areas.columns.filter((c) => c.startsWith(prefix)), 'reports.total'].map((c) => cell(areas, row.key, c));
          expect([row.key, prefix, group.filter((v) => typeof v === 'string').length === 1]).toEqual([row.key, prefix, false]);
        }
      }
      for (const column of areas.columns.filter((c) => !c.includes('.wait.') && !c.includes('.firstReply.'))) {
        const hidden = areas.rows.filter((row) => typeof cell(areas, row.key, column) === 'string').length;
        expect([column, hidden === 1]).toEqual([column, false]);
      }
    } finally {
      await sql.query(`DELETE FROM reports WHERE province_code = 'hue'`);
    }
  });

  it("protects the clubs' and legal topics' total rows, the meetings list and a single area's months, in the view and the XLSX", async () => {
    const sql = t.testDb.db.sql;
    await t.app.accounts.create({ username: 'suphue', displayName: 'Giám sát Huế', role: 'supervisor', province: 'hue', password: PASSWORD });
    // One commune of Huế: 2 reports in February and 6 in May.
    for (let i = 0; i < 8; i++) await seedReport(sql, { area: 'hue/phu-xuan', at: i < 2 ? '2026-02-10T03:00:00Z' : '2026-05-10T03:00:00Z' });
    // HUE01 met twice (3 and 6 coming, 5 not coming the second time); HUE02 once (7 and 2), and a
    // cancelled meeting with 2 coming that no club total counts.
    const club = async (code: string) => (await sql.query<{ id: number }>(`INSERT INTO club (code, name, province, anchor_month, meeting_time, day_of_month) VALUES ($1, $1, 'hue', '2026-01', '19:00', 10) RETURNING id`, [code]))[0]!.id;
    const [hue01, hue02] = [await club('HUE01'), await club('HUE02')];
    const meeting = async (clubId: number, day: string, answers: { yes: number; no: number }, extra: { attendance?: number; status?: string } = {}) => {
      const [row] = await sql.query<{ id: number }>(`INSERT INTO meeting (club_id, rule_date, starts_at, place, attendance, status) VALUES ($1, $2, $3, 'x', $4, $5) RETURNING id`, [clubId, day, `${day}T12:00:00Z`, extra.attendance ?? null, extra.status ?? 'scheduled']);
      for (let i = 0; i < answers.yes + answers.no; i++) await sql.query(`INSERT INTO meeting_rsvp (meeting_id, channel_user_id, answer) VALUES ($1, $2, $3)`, [row!.id, `hue${i}`, i < answers.yes ? 'yes' : 'no']);
    };
    await meeting(hue01, '2026-04-10', { yes: 3, no: 0 }, { attendance: 6 });
    await meeting(hue02, '2026-04-12', { yes: 7, no: 2 });
    await meeting(hue02, '2026-04-15', { yes: 2, no: 0 }, { status: 'cancelled' });
    await meeting(hue01, '2026-04-20', { yes: 6, no: 5 }, { attendance: 8 });
    // 19 more legal topics asked 6 times each: with protection-measures (10) they fill the 20 rows
    // listed, and divorce (2) is the only other topic.
    const topics = Array.from({ length: 19 }, (_, i) => `t${String(i + 1).padStart(2, '0')}`);
    for (const topic of topics) await sql.query(`INSERT INTO legal_topic_count (day, topic, count) VALUES ('2026-04-01', $1, 6)`, [topic]);
    try {
      const login = await loginAs(t, 'suphue');
      const { body } = await call(t, login, 'GET', `/statistics?${H1}`);
      // The months of the one commune: 2 in February is "< 5", so May's 6 cannot stay (8 − 6 = 2).
      expect((body.trend as Table).rows.map((row) => [row.key, ...row.cells])).toEqual([
        ['2026-01', 0, 0], ['2026-02', '< 5', 0], ['2026-03', 0, 0], ['2026-04', 0, 0], ['2026-05', 'x', 0], ['2026-06', 0, 0], ['*', 8, 0],
      ]);
      // Columns: meetings, reminders sent, delivered, coming, not coming, attended, meetings with attendance.
      // HUE02's 2 not coming is "< 5": HUE01's 5 goes with it (7 − 5 = 2), and with that the 5 of its
      // second meeting (the first had none). HUE01's 9 coming = 3 + 6: the 6 goes with the 3.
      expect((body.clubs as Table).rows.map((row) => [row.key, ...row.cells])).toEqual([
        ['HUE01', 2, 0, 0, 9, 'x', 14, 2],
        ['HUE02', 1, 0, 0, 7, '< 5', null, 0],
        ['*', 3, 0, 0, 16, 7, 14, 2],
      ]);
      expect((body.meetings as { clubCode: string; status: string; rsvpYes: unknown; rsvpNo: unknown; attendance: unknown }[]).map((m) => [m.clubCode, m.status, m.rsvpYes, m.rsvpNo, m.attendance])).toEqual([
        ['HUE01', 'scheduled', '< 5', 0, 6],
        ['HUE02', 'scheduled', 7, '< 5', null],
        ['HUE02', 'cancelled', '< 5', 0, null],
        ['HUE01', 'scheduled', 'x', 'x', 8],
      ]);
      // Divorce's 2 is the only topic not listed: with the total, the smallest listed topic goes too.
      const legal = body.legalTopics as Table;
      expect(legal.rows.map((row) => [row.key, row.cells[0]])).toEqual([
        ['protection-measures', 10], ['t01', 'x'], ...topics.slice(1).map((topic) => [topic, 6]), ['*others', '< 5'], ['*', 126],
      ]);

      const xlsx = await fetch(`${t.url}/inbox/api/statistics/export.xlsx?${H1}`, { headers: { cookie: login.cookie } });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
      const values = (sheet: number) => workbook.worksheets[sheet]!.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1));
      expect(values(1).slice(1, 2).concat(values(1).slice(4))).toEqual([['2026-02', '< 5', 0], ['2026-05', 'x', 0], ['2026-06', 0, 0], ['Tổng cộng', 8, 0]]);
      expect(values(2)).toEqual([
        ['HUE01', 2, 0, 0, 9, 'x', 14, 2],
        ['HUE02', 1, 0, 0, 7, '< 5', '', 0],
        ['Tổng cộng', 3, 0, 0, 16, 7, 14, 2],
      ]);
      expect(values(3).slice(-2)).toEqual([['Các chủ đề khác', '< 5'], ['Tổng cộng', 126]]);
    } finally {
      await sql.query(`DELETE FROM meeting_rsvp WHERE channel_user_id LIKE 'hue%'`);
      await sql.query(`DELETE FROM club WHERE province = 'hue'`);
      await sql.query(`DELETE FROM reports WHERE province_code = 'hue'`);
      await sql.query(`DELETE FROM legal_topic_count WHERE topic = ANY($1::text[])`, [topics]);
    }
  });

  it('counts the places of help per area from the directory and the club list, in full (public places, not cases)', async () => {
    const { sql } = t.testDb.db;
    const place = (id: string, kind: string, areaCode: string) => directoryEntryInputSchema.parse({ id, kind, areaCode, name: { vi: id }, phone: '024 3942 0000' });
    for (const entry of [
      place('ha-noi/cau-giay/a', 'trusted_address', 'ha-noi/cau-giay'),
      place('ha-noi/ba-dinh/b', 'trusted_address', 'ha-noi/ba-dinh'),
      place('ha-noi/c', 'prevention_group', 'ha-noi'),
      place('ha-noi/d', 'health_station', 'ha-noi'),
      place('ha-noi/removed', 'trusted_address', 'ha-noi'),
      place('hue/e', 'prevention_group', 'hue/phu-xuan'),
    ]) {
      await t.app.directory.upsert(entry, 'admin');
    }
    await t.app.directory.remove('ha-noi/removed');
    await sql.query(`INSERT INTO club (code, name, province, anchor_month, meeting_time, day_of_month, active) VALUES ('HN02', 'CLB cũ', 'ha-noi', '2026-01', '19:00', 15, false)`);
    try {
      const columns = ['facilities.clubs', 'facilities.preventionGroups', 'facilities.trustedAddresses', 'facilities.hotlines'];
      const facilities = (table: Table) => table.rows.map((row) => [row.key, ...columns.map((column) => cell(table, row.key, column))]);
      // The seeded samples (made-up numbers) and the removed, inactive and other kinds do not count.
      expect(facilities((await call(t, admin, 'GET', `/statistics?${H1}`)).body.areas as Table)).toEqual([
        ['', 0, 0, 0, 0],
        ['79', 1, 0, 0, 0],
        ['ha-noi', 1, 1, 2, 0],
        ['hue', 0, 1, 0, 0],
        ['vn', 0, 0, 0, 3],
        ['*', 2, 2, 2, 3],
      ]);
      const byArea = (await call(t, admin, 'GET', `/statistics?${H1}&by=area`)).body.areas as Table;
      expect(facilities(byArea).filter(([key]) => String(key).startsWith('ha-noi'))).toEqual([
        ['ha-noi', 1, 1, 0, 0],
        ['ha-noi/ba-dinh', 0, 0, 1, 0],
        ['ha-noi/cau-giay', 0, 0, 1, 0],
      ]);
      // A supervisor sees their province's clubs only; the directory's places elsewhere are not theirs.
      expect(facilities((await call(t, supervisor, 'GET', `/statistics?${H1}`)).body.areas as Table)).toEqual([['79', 1, 0, 0, 0], ['*', 1, 0, 0, 0]]);

      const csv = await (await fetch(`${t.url}/inbox/api/statistics/export.csv?${H1}`, { headers: { cookie: admin.cookie } })).text();
      const [header, ...lines] = csv.slice(1).trimEnd().split('\r\n');
      expect(header!.endsWith(',Số câu lạc bộ,"Số tổ phòng, chống bạo lực gia đình",Số địa chỉ tin cậy,Số đường dây nóng')).toBe(true);
      expect(lines.map((line) => [line.split(',')[0], ...line.split(',').slice(-4)])).toEqual([
        ['Chưa rõ địa bàn', '0', '0', '0', '0'],
        ['79', '1', '0', '0', '0'],
        ['Hà Nội', '1', '1', '2', '0'],
        ['Huế', '0', '1', '0', '0'],
        ['Toàn quốc', '0', '0', '0', '3'],
        ['Tổng cộng', '2', '2', '2', '3'],
      ]);
      const xlsx = new ExcelJS.Workbook();
      await xlsx.xlsx.load(Buffer.from(await (await fetch(`${t.url}/inbox/api/statistics/export.xlsx?${H1}&lang=en`, { headers: { cookie: admin.cookie } })).arrayBuffer()) as unknown as ExcelJS.Buffer);
      const sheetRows = xlsx.worksheets[0]!.getSheetValues().slice(1).map((row) => [(row as unknown[])[1], ...(row as unknown[]).slice(-4)]);
      expect(sheetRows).toEqual([
        ['Area', 'Clubs', 'Prevention groups', 'Trusted addresses', 'Hotlines'],
        ['Area not given', 0, 0, 0, 0],
        ['79', 1, 0, 0, 0],
        ['Hà Nội', 1, 1, 2, 0],
        ['Huế', 0, 1, 0, 0],
        ['National', 0, 0, 0, 3],
        ['Total', 2, 2, 2, 3],
      ]);
    } finally {
      await sql.query(`DELETE FROM directory_entry WHERE managed_by = 'admin'`);
      await sql.query(`DELETE FROM club WHERE code = 'HN02'`);
    }
  });

  it('exports CSV (BOM, quoted, suppressed) and XLSX (read back) shaped like the half-year report, and audits both', async () => {
    const csvRes = await fetch(`${t.url}/inbox/api/statistics/export.csv?${H1}&by=area`, { headers: { cookie: supervisor.cookie } });
    expect(csvRes.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]!.startsWith('Địa bàn,Tổng số tin báo,Bạo lực thể chất,Bạo lực tinh thần,')).toBe(true);
    // A header with a comma is quoted.
    expect(lines[0]).toContain('"Cưỡng ép hôn nhân, ly hôn, mang thai"');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 4))).toEqual([
      ['79', '0', '0', '0'],
      ['79.26734', '7', '7', '< 5'],
      ['79.26737', '6', '6', '0'],
      ['Tổng cộng', '13', '13', '< 5'],
    ]);

    const xlsxRes = await fetch(`${t.url}/inbox/api/statistics/export.xlsx?${H1}&by=area&lang=en`, { headers: { cookie: supervisor.cookie } });
    expect(xlsxRes.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsxRes.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Reports by area', 'By month', 'Clubs and meeting reminders', 'Legal topics asked most']);
    const sheet = workbook.worksheets[0]!;
    const rows = sheet.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1, 5));
    expect(rows).toEqual([
      ['Area', 'Reports', 'Physical violence', 'Psychological violence'],
      ['79', 0, 0, 0],
      ['79.26734', 7, 7, '< 5'],
      ['79.26737', 6, 6, 0],
      ['Total', 13, 13, '< 5'],
    ]);
    const legal = workbook.worksheets[3]!.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1, 3));
    expect(legal).toEqual([['Measures to stop violence and protect and support you', 'x'], ['How divorce works: mediation, court, when the marriage ends', '< 5'], ['Total', 12]]);

    const audit = await t.testDb.db.sql.query<{ action: string; subject_id: string }>(`SELECT action, subject_id FROM audit_log WHERE action LIKE 'statistics.%' ORDER BY seq`);
    expect(audit).toEqual(expect.arrayContaining([
      { action: 'statistics.view', subject_id: '2026-01-01..2026-06-30/area' },
      { action: 'statistics.export.csv', subject_id: '2026-01-01..2026-06-30/area' },
      { action: 'statistics.export.xlsx', subject_id: '2026-01-01..2026-06-30/area' },
    ]));
  });

  it("records a meeting's attendance within the supervisor's province, audited", async () => {
    const [hcm] = await t.testDb.db.sql.query<{ id: number }>(`SELECT m.id FROM meeting m JOIN club c ON c.id = m.club_id WHERE c.code = 'HCM01'`);
    const [hn] = await t.testDb.db.sql.query<{ id: number }>(`INSERT INTO meeting (club_id, rule_date, starts_at, place) SELECT id, '2026-03-15', '2026-03-15T12:00:00Z', 'x' FROM club WHERE code = 'HN01' RETURNING id`);
    expect((await call(t, supervisor, 'POST', `/statistics/meetings/${hcm!.id}/attendance`, { attendance: 14 })).status).toBe(200);
    expect((await call(t, supervisor, 'POST', `/statistics/meetings/${hn!.id}/attendance`, { attendance: 9 })).status).toBe(403);
    expect((await call(t, supervisor, 'POST', `/statistics/meetings/${hcm!.id}/attendance`, { attendance: -1 })).status).toBe(400);
    expect((await call(t, admin, 'POST', `/statistics/meetings/${hn!.id}/attendance`, { attendance: 9 })).status).toBe(200);
    expect(await t.testDb.db.sql.query(`SELECT id, attendance FROM meeting ORDER BY id`)).toEqual([{ id: hcm!.id, attendance: 14 }, { id: hn!.id, attendance: 9 }]);
    expect(await t.testDb.db.sql.query(`SELECT action, subject_id FROM audit_log WHERE action = 'meeting.attendance' ORDER BY seq`)).toEqual([
      { action: 'meeting.attendance', subject_id: String(hcm!.id) },
      { action: 'meeting.attendance', subject_id: String(hn!.id) },
    ]);
  });

  it('serves the statistics page under the same strict CSP', async () => {
    const res = await fetch(`${t.url}/inbox/statistics`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).not.toMatch(/<script>|style=/);
    expect((await fetch(`${t.url}/inbox/statistics/assets/statistics.js`)).status).toBe(200);
  });
});
