import { scopeCondition, type AreaScope } from '../handoff/areaScope.js';
import { HANDOFF_OUTCOMES } from '../handoff/HandoffService.js';
import { AFFECTED_PERSONS, REPORT_OUTCOMES, VIOLENCE_KINDS } from '../reports/reportTypes.js';
import type { SqlExecutor } from '../store/Database.js';
import { suppressTable, type CellGroup, type ShownCount } from './suppressSmallCounts.js';

/** What the statistics are asked for: a period of local days, the viewer's areas, the row level. */
export interface StatisticsRequest {
  /** First local day, inclusive. */
  readonly from: Date;
  /** The day after the last local day (exclusive end). */
  readonly until: Date;
  readonly scope: AreaScope;
  /** One row per province, or per area as stored (commune, or former district). */
  readonly by: 'province' | 'area';
}

/** A table as published: suppressed counts; `null` where a time has too few cases behind it. */
export interface StatisticsTable {
  /** Column keys, named in `content/locales/<lang>/statistics.json` under `column`. */
  readonly columns: readonly string[];
  /**
   * `key` is an area code ('' = area not given), a month "YYYY-MM", a club code or a legal topic;
   * {@link ALL_ROWS} is the row of all of them, {@link OTHER_TOPICS} the legal topics not listed.
   */
  readonly rows: readonly { readonly key: string; readonly cells: readonly (ShownCount | null)[] }[];
}

/** Every view and export of the statistics, already suppressed. */
export interface Statistics {
  /** The half-year report: one row per area (cases, then places of help), then the `*` row of all of them. */
  readonly areas: StatisticsTable;
  /** Reports and handoffs per month, then the `*` row. */
  readonly trend: StatisticsTable;
  /** Reminders, RSVPs and recorded attendance per club, then the `*` row. */
  readonly clubs: StatisticsTable;
  /** Meetings of the period, for recording attendance. */
  readonly meetings: readonly MeetingLine[];
  /**
   * The legal topics answered most (nationwide: the counter keeps no area), then the others
   * together ({@link OTHER_TOPICS}, when there are more) and the `*` row.
   */
  readonly legalTopics: StatisticsTable;
}

/** A meeting in the period, with its RSVPs (suppressed) and recorded attendance. */
export interface MeetingLine {
  readonly id: number;
  readonly clubCode: string;
  readonly startsAt: Date;
  readonly status: string;
  readonly rsvpYes: ShownCount;
  readonly rsvpNo: ShownCount;
  readonly attendance: ShownCount | null;
}

/** A percentile of waiting minutes is shown only when at least this many cases are behind it. */
const MIN_CASES_FOR_TIMES = 5;
/** The row of all areas (or months, clubs, legal topics) together. */
export const ALL_ROWS = '*';
/** The row of the legal topics not listed one by one (no card id or article key looks like it). */
export const OTHER_TOPICS = '*others';

const REPORT_STATUSES = ['received', 'in_progress', 'referred_police', 'referred_health', 'referred_legal_aid', 'closed'] as const;
const URGENCIES = ['immediate', 'ongoing', 'past', 'unknown'] as const;
const HANDOFF_ENDS = [...HANDOFF_OUTCOMES, 'cancelled', 'open'] as const;

/** A counted column: its key and the SQL condition a row must meet. */
interface CountColumn {
  readonly key: string;
  readonly where: string;
}

/** A block of columns: its total, and breakdowns of it. */
interface Block {
  readonly total: string;
  readonly parts: readonly Breakdown[];
}

/** A breakdown of a block's total; `additive` when its columns partition the total (no overlaps). */
interface Breakdown {
  readonly additive: boolean;
  readonly columns: readonly CountColumn[];
}

// Conditions are built from the constant lists above, never from input.
const REPORTS: Block = {
  total: 'reports.total',
  parts: [
    { additive: false, columns: VIOLENCE_KINDS.map((kind) => ({ key: `reports.kind.${kind}`, where: `'${kind}' = ANY(kinds)` })) },
    {
      additive: true,
      columns: [...AFFECTED_PERSONS.map((who) => ({ key: `reports.affected.${who}`, where: `affected = '${who}'` })), { key: 'reports.affected.unknown', where: 'affected IS NULL' }],
    },
    { additive: true, columns: URGENCIES.map((urgency) => ({ key: `reports.urgency.${urgency}`, where: `urgency = '${urgency}'` })) },
    { additive: true, columns: REPORT_STATUSES.map((status) => ({ key: `reports.status.${status}`, where: `status = '${status}'` })) },
    { additive: false, columns: REPORT_OUTCOMES.map((outcome) => ({ key: `reports.outcome.${outcome}`, where: `'${outcome}' = ANY(outcomes)` })) },
  ],
};
const HANDOFFS: Block = {
  total: 'handoffs.total',
  parts: [
    {
      additive: true,
      columns: HANDOFF_ENDS.map((end) => ({ key: `handoffs.outcome.${end}`, where: end === 'open' ? `state <> 'closed'` : `state = 'closed' AND outcome = '${end}'` })),
    },
  ],
};
const TIME_COLUMNS = ['handoffs.wait.p50', 'handoffs.wait.p90', 'handoffs.firstReply.p50', 'handoffs.firstReply.p90'] as const;
/** The places of help in an area, as the half-year report lists them beside the cases. */
const FACILITY_COLUMNS = ['facilities.clubs', 'facilities.preventionGroups', 'facilities.trustedAddresses', 'facilities.hotlines'] as const;

/** SQL of the row key of an area expression: its province (the part before the first . or /), or itself. */
function areaKey(expression: string, by: StatisticsRequest['by']): string {
  return by === 'province' ? `COALESCE(substring(${expression} from '^[^./]+'), '')` : `COALESCE(${expression}, '')`;
}

/** The columns of a block in order, total first. */
function blockColumns(block: Block): string[] {
  return [block.total, ...block.parts.flatMap((part) => part.columns.map((column) => column.key))];
}

function countSelect(block: Block): string {
  const columns = block.parts.flatMap((part) => part.columns);
  return [`count(*)::int AS "${block.total}"`, ...columns.map((column) => `count(*) FILTER (WHERE ${column.where})::int AS "${column.key}"`)].join(',\n  ');
}

/** Groups of one row: each additive breakdown of a block sums to the block's total. */
function rowGroups(row: number, columns: readonly string[], blocks: readonly Block[]): CellGroup[] {
  const at = (key: string) => columns.indexOf(key);
  return blocks.flatMap((block) =>
    block.parts.filter((part) => part.additive).map((part) => ({ total: [row, at(block.total)] as const, members: part.columns.map((column) => [row, at(column.key)] as const) })),
  );
}

/** Groups of columns: in each of `columns`, the `memberRows` add up to the `totalRow`. */
function sumGroups(totalRow: number, memberRows: readonly number[], columns: readonly number[]): CellGroup[] {
  return columns.map((column) => ({ total: [totalRow, column] as const, members: memberRows.map((row) => [row, column] as const) }));
}

/** 0, 1, …, count − 1. */
const indexes = (count: number, from = 0): number[] => Array.from({ length: count }, (_, index) => from + index);

type CountRow = Record<string, number | string | null>;

/** Minutes, rounded; null when fewer than {@link MIN_CASES_FOR_TIMES} cases stand behind it. */
function minutes(value: unknown, cases: unknown): number | null {
  return Number(cases) >= MIN_CASES_FOR_TIMES && value !== null && value !== undefined ? Math.round(Number(value)) : null;
}

/**
 * Reads the statistics of a period and scope from PostgreSQL (aggregated in SQL; PGlite too) and
 * suppresses small counts (see suppressSmallCounts.ts).
 */
export async function collectStatistics(sql: SqlExecutor, request: StatisticsRequest): Promise<Statistics> {
  const period = [request.from, request.until];
  // Statistics count only what lies in the viewer's areas: rows with no area belong to no province.
  const scoped = (column: string) => scopeCondition(request.scope, column, 3, { unknownArea: false });
  const reportArea = 'COALESCE(commune_code, district_code, province_code)';
  const reportScope = scoped(reportArea);
  const handoffScope = scoped('area_code');
  const reportsWhere = `created_at >= $1 AND created_at < $2 AND ${reportScope.sql}`;
  const handoffsWhere = `requested_at >= $1 AND requested_at < $2 AND ${handoffScope.sql}`;
  // The area rows and the all-areas row in one pass each (GROUPING SETS: the empty set is the total).
  const [reportRows, handoffRows, months, facilityRows] = await Promise.all([
    sql.query<CountRow>(
      `SELECT ${areaKey(reportArea, request.by)} AS area, grouping(${areaKey(reportArea, request.by)}) AS is_total,
         ${countSelect(REPORTS)}
       FROM reports WHERE ${reportsWhere}
       GROUP BY GROUPING SETS ((${areaKey(reportArea, request.by)}), ())`,
      [...period, ...reportScope.params],
    ),
    sql.query<CountRow>(
      `SELECT ${areaKey('area_code', request.by)} AS area, grouping(${areaKey('area_code', request.by)}) AS is_total,
         ${countSelect(HANDOFFS)},
         count(claimed_at)::int AS claimed,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM claimed_at - requested_at) / 60) AS "handoffs.wait.p50",
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM claimed_at - requested_at) / 60) AS "handoffs.wait.p90",
         count(first_reply_at)::int AS replied,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_reply_at - requested_at) / 60) AS "handoffs.firstReply.p50",
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_reply_at - requested_at) / 60) AS "handoffs.firstReply.p90"
       FROM handoff_session WHERE ${handoffsWhere}
       GROUP BY GROUPING SETS ((${areaKey('area_code', request.by)}), ())`,
      [...period, ...handoffScope.params],
    ),
    monthlyCounts(sql, request, reportsWhere, handoffsWhere, [...reportScope.params], [...handoffScope.params]),
    collectFacilities(sql, request),
  ]);

  const blocks = [REPORTS, HANDOFFS];
  const countColumns = blocks.flatMap(blockColumns);
  const columns = [...countColumns, ...TIME_COLUMNS, ...FACILITY_COLUMNS];
  const keyOf = (row: CountRow) => (Number(row.is_total) === 1 ? ALL_ROWS : String(row.area));
  // An area with places of help but no cases is a row too: the report lists what it has.
  const areaKeys = [...new Set([...reportRows, ...handoffRows].map(keyOf).concat([...facilityRows.keys()]).filter((key) => key !== ALL_ROWS))].sort();
  const keys = [...areaKeys, ALL_ROWS];
  const byKey = (rows: CountRow[]) => new Map(rows.map((row) => [keyOf(row), row]));
  const reports = byKey(reportRows);
  const handoffs = byKey(handoffRows);
  const counts = keys.map((key) => countColumns.map((column) => Number((column.startsWith('reports.') ? reports : handoffs).get(key)?.[column] ?? 0)));
  // The months add up to the same all-areas totals as the areas do (with one area, to that area's
  // totals): suppressed in one table with the areas, below them, so that a total hidden here is
  // hidden in the trend too, and a month cannot be worked out from the total.
  const totalRow = areaKeys.length;
  const trendColumns = [countColumns.indexOf(REPORTS.total), countColumns.indexOf(HANDOFFS.total)];
  const monthRows = months.map(({ counts: monthCounts }) => countColumns.map((_, column) => monthCounts[trendColumns.indexOf(column)] ?? 0));
  const groups = [
    ...keys.flatMap((_, row) => rowGroups(row, countColumns, blocks)),
    ...sumGroups(totalRow, indexes(areaKeys.length), indexes(countColumns.length)),
    ...sumGroups(totalRow, indexes(months.length, keys.length), trendColumns),
  ];
  const shown = suppressTable([...counts, ...monthRows], groups);
  const areas: StatisticsTable = {
    columns,
    rows: keys.map((key, row) => {
      const times = handoffs.get(key);
      return {
        key,
        cells: [
          ...shown[row]!,
          minutes(times?.['handoffs.wait.p50'], times?.claimed),
          minutes(times?.['handoffs.wait.p90'], times?.claimed),
          minutes(times?.['handoffs.firstReply.p50'], times?.replied),
          minutes(times?.['handoffs.firstReply.p90'], times?.replied),
          ...FACILITY_COLUMNS.map((column) => facilityRows.get(key)?.[column] ?? 0),
        ],
      };
    }),
  };
  const trendRow = (row: number) => trendColumns.map((column) => shown[row]![column]!);
  const trend: StatisticsTable = {
    columns: [REPORTS.total, HANDOFFS.total],
    rows: [...months.map(({ month }, index) => ({ key: month, cells: trendRow(keys.length + index) })), { key: ALL_ROWS, cells: trendRow(totalRow) }],
  };

  const [{ clubs, meetings }, legalTopics] = await Promise.all([collectClubs(sql, request), collectLegalTopics(sql, request)]);
  return { areas, trend, clubs, meetings, legalTopics };
}

/**
 * Clubs, prevention groups, trusted addresses and hotlines per row key, and the `*` row. Not
 * suppressed: they are public places people are sent to, not cases, and the directory shows each
 * of them by name to anyone who asks. Clubs come from the club list (the clubs that meet), keyed
 * by their province as imported (a club has no catalog area below it, so even per area it counts
 * in its province's row); the rest from the directory's active entries, samples left out (they
 * are made up).
 */
async function collectFacilities(sql: SqlExecutor, request: StatisticsRequest): Promise<Map<string, Record<(typeof FACILITY_COLUMNS)[number], number>>> {
  const directoryScope = scopeCondition(request.scope, 'area_code', 1, { unknownArea: false });
  const clubs = clubScope(request.scope, 1);
  const directoryKey = areaKey('area_code', request.by);
  const [entries, clubRows] = await Promise.all([
    sql.query<{ area: string; is_total: number; prevention_groups: number; trusted_addresses: number; hotlines: number }>(
      `SELECT ${directoryKey} AS area, grouping(${directoryKey}) AS is_total,
         count(*) FILTER (WHERE kind = 'prevention_group')::int AS prevention_groups,
         count(*) FILTER (WHERE kind = 'trusted_address')::int AS trusted_addresses,
         count(*) FILTER (WHERE kind = 'hotline')::int AS hotlines
       FROM directory_entry WHERE active AND NOT sample AND kind IN ('prevention_group', 'trusted_address', 'hotline') AND ${directoryScope.sql}
       GROUP BY GROUPING SETS ((${directoryKey}), ())`,
      directoryScope.params,
    ),
    sql.query<{ area: string; is_total: number; clubs: number }>(
      `SELECT lower(c.province) AS area, grouping(lower(c.province)) AS is_total, count(*)::int AS clubs
       FROM club c WHERE c.active AND ${clubs.sql}
       GROUP BY GROUPING SETS ((lower(c.province)), ())`,
      clubs.params,
    ),
  ]);
  const counts = new Map<string, Record<(typeof FACILITY_COLUMNS)[number], number>>();
  const at = (row: { area: string; is_total: number }) => {
    const key = Number(row.is_total) === 1 ? ALL_ROWS : row.area;
    const found = counts.get(key) ?? { 'facilities.clubs': 0, 'facilities.preventionGroups': 0, 'facilities.trustedAddresses': 0, 'facilities.hotlines': 0 };
    counts.set(key, found);
    return found;
  };
  for (const row of entries) Object.assign(at(row), { 'facilities.preventionGroups': row.prevention_groups, 'facilities.trustedAddresses': row.trusted_addresses, 'facilities.hotlines': row.hotlines });
  for (const row of clubRows) at(row)['facilities.clubs'] = row.clubs;
  return counts;
}

/** Local month "YYYY-MM" of a UTC timestamp column (Vietnam is UTC+7 all year). */
const localMonth = (column: string) => `to_char(${column} + interval '7 hours', 'YYYY-MM')`;

/** Reports and handoffs per local month of the period, every month listed (a chart's axis has no gaps). */
async function monthlyCounts(sql: SqlExecutor, request: StatisticsRequest, reportsWhere: string, handoffsWhere: string, reportParams: unknown[], handoffParams: unknown[]): Promise<{ month: string; counts: [number, number] }[]> {
  const [reportMonths, handoffMonths] = await Promise.all([
    sql.query<{ month: string; count: number }>(`SELECT ${localMonth('created_at')} AS month, count(*)::int AS count FROM reports WHERE ${reportsWhere} GROUP BY 1`, [request.from, request.until, ...reportParams]),
    sql.query<{ month: string; count: number }>(`SELECT ${localMonth('requested_at')} AS month, count(*)::int AS count FROM handoff_session WHERE ${handoffsWhere} GROUP BY 1`, [request.from, request.until, ...handoffParams]),
  ]);
  const months: string[] = [];
  for (let at = new Date(request.from.getTime() + 7 * 3_600_000); at.getTime() < request.until.getTime() + 7 * 3_600_000; at.setUTCMonth(at.getUTCMonth() + 1, 1)) {
    months.push(at.toISOString().slice(0, 7));
  }
  const lookup = (rows: { month: string; count: number }[], month: string) => rows.find((row) => row.month === month)?.count ?? 0;
  return months.map((month) => ({ month, counts: [lookup(reportMonths, month), lookup(handoffMonths, month)] }));
}

/**
 * Whether a club is in a supervisor's scope: the club's `province` as imported must be the province
 * code of their scope (compared case-insensitively); the admins who import clubs set those codes.
 */
export function clubInScope(scope: AreaScope, province: string): boolean {
  return scope.all === true || scope.codes.some((code) => code.toLowerCase() === province.toLowerCase());
}

/** {@link clubInScope} in SQL, on `club c`. */
function clubScope(scope: AreaScope, firstParam: number): { sql: string; params: unknown[] } {
  if (scope.all) return { sql: 'TRUE', params: [] };
  return { sql: `lower(c.province) = ANY($${firstParam}::text[])`, params: [scope.codes.map((code) => code.toLowerCase())] };
}

/** A club's counts over the period, as read (a type, not an interface: query rows need an index signature). */
type ClubCounts = {
  code: string;
  meetings: number;
  sent: number;
  delivered: number;
  yes: number;
  no: number;
  attendance: number | null;
  recorded: number;
};

/** A meeting's counts, as read. */
type MeetingCounts = {
  id: number;
  code: string;
  starts_at: Date;
  status: string;
  yes: number;
  no: number;
  attendance: number | null;
};

/** The suppressed columns of the clubs table (people, not meetings), in its order. */
const PEOPLE = ['sent', 'delivered', 'yes', 'no', 'attendance'] as const;
/** Of {@link PEOPLE}, what a club's meetings add up to. */
const PER_MEETING = [2, 3, 4];

/**
 * The clubs table and the meetings list, suppressed together: a club's RSVPs and attendance are the
 * sum of its meetings' (cancelled ones apart) and the clubs add up to the `*` row, so a "< 5" of a
 * meeting, or of a club, must not be recoverable from either.
 */
async function collectClubs(sql: SqlExecutor, request: StatisticsRequest): Promise<{ clubs: StatisticsTable; meetings: MeetingLine[] }> {
  const scope = clubScope(request.scope, 3);
  const [clubRows, meetingRows] = await Promise.all([
    sql.query<ClubCounts>(
      `WITH m AS (
         SELECT m.* FROM meeting m JOIN club c ON c.id = m.club_id
         WHERE m.starts_at >= $1 AND m.starts_at < $2 AND m.status <> 'cancelled' AND ${scope.sql})
       SELECT c.code,
         (SELECT count(*) FROM m WHERE m.club_id = c.id)::int AS meetings,
         (SELECT count(*) FROM reminder r JOIN m ON m.id = r.meeting_id WHERE m.club_id = c.id AND r.status = 'enqueued')::int AS sent,
         (SELECT count(*) FROM reminder r JOIN m ON m.id = r.meeting_id JOIN outbox_message o ON o.dedupe_key = r.outbox_key
            WHERE m.club_id = c.id AND o.status = 'sent')::int AS delivered,
         (SELECT count(*) FROM meeting_rsvp v JOIN m ON m.id = v.meeting_id WHERE m.club_id = c.id AND v.answer = 'yes')::int AS yes,
         (SELECT count(*) FROM meeting_rsvp v JOIN m ON m.id = v.meeting_id WHERE m.club_id = c.id AND v.answer = 'no')::int AS no,
         (SELECT sum(attendance) FROM m WHERE m.club_id = c.id)::int AS attendance,
         (SELECT count(attendance) FROM m WHERE m.club_id = c.id)::int AS recorded
       FROM club c WHERE c.active AND ${scope.sql}
       ORDER BY c.code`,
      [request.from, request.until, ...scope.params],
    ),
    sql.query<MeetingCounts>(
      `SELECT m.id, c.code, m.starts_at, m.status, m.attendance,
         (SELECT count(*) FROM meeting_rsvp v WHERE v.meeting_id = m.id AND v.answer = 'yes')::int AS yes,
         (SELECT count(*) FROM meeting_rsvp v WHERE v.meeting_id = m.id AND v.answer = 'no')::int AS no
       FROM meeting m JOIN club c ON c.id = m.club_id
       WHERE m.starts_at >= $1 AND m.starts_at < $2 AND ${scope.sql}
       ORDER BY m.starts_at, c.code`,
      [request.from, request.until, ...scope.params],
    ),
  ]);
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const recorded = clubRows.filter((row) => row.attendance !== null);
  const all: ClubCounts = {
    code: ALL_ROWS,
    meetings: sum(clubRows.map((row) => row.meetings)),
    sent: sum(clubRows.map((row) => row.sent)),
    delivered: sum(clubRows.map((row) => row.delivered)),
    yes: sum(clubRows.map((row) => row.yes)),
    no: sum(clubRows.map((row) => row.no)),
    attendance: recorded.length === 0 ? null : sum(recorded.map((row) => row.attendance ?? 0)),
    recorded: sum(clubRows.map((row) => row.recorded)),
  };
  const clubLines = [...clubRows, all];
  // Meetings have no reminder columns here: their zeros are never hidden and never picked.
  const values = [...clubLines, ...meetingRows.map((row) => ({ ...row, sent: 0, delivered: 0 }))].map((row) => PEOPLE.map((column) => row[column] ?? 0));
  const totalRow = clubRows.length;
  const firstMeeting = clubLines.length;
  const groups = [
    ...sumGroups(totalRow, indexes(clubRows.length), indexes(PEOPLE.length)),
    ...clubRows.flatMap((club, row) =>
      sumGroups(row, meetingRows.flatMap((meeting, index) => (meeting.code === club.code && meeting.status !== 'cancelled' ? [firstMeeting + index] : [])), PER_MEETING),
    ),
  ];
  const shown = suppressTable(values, groups);
  const attendance = (row: number, count: number | null) => (count === null ? null : shown[row]![PEOPLE.indexOf('attendance')]!);
  return {
    clubs: {
      columns: ['clubs.meetings', 'clubs.remindersSent', 'clubs.remindersDelivered', 'clubs.rsvpYes', 'clubs.rsvpNo', 'clubs.attendance', 'clubs.attendanceRecorded'],
      // Meetings and how many have attendance recorded count meetings, not people: not suppressed.
      rows: clubLines.map((line, row) => ({ key: line.code, cells: [line.meetings, ...shown[row]!.slice(0, 4), attendance(row, line.attendance), line.recorded] })),
    },
    meetings: meetingRows.map((meeting, index) => {
      const [, , rsvpYes, rsvpNo] = shown[firstMeeting + index]!;
      return { id: meeting.id, clubCode: meeting.code, startsAt: meeting.starts_at, status: meeting.status, rsvpYes: rsvpYes!, rsvpNo: rsvpNo!, attendance: attendance(firstMeeting + index, meeting.attendance) };
    }),
  };
}

/** How many legal topics the table lists one by one. */
const TOP_LEGAL_TOPICS = 20;

/** The topics answered most, the rest together, and all of them; the rows add up to the `*` row. */
async function collectLegalTopics(sql: SqlExecutor, request: StatisticsRequest): Promise<StatisticsTable> {
  // `day` is a local date; the period's bounds are local midnights, so +7 hours gives their dates.
  const rows = await sql.query<{ topic: string; count: number }>(
    `SELECT topic, sum(count)::int AS count FROM legal_topic_count
     WHERE day >= ($1::timestamp + interval '7 hours')::date AND day < ($2::timestamp + interval '7 hours')::date
     GROUP BY topic ORDER BY count DESC, topic`,
    [request.from, request.until],
  );
  const listed = rows.slice(0, TOP_LEGAL_TOPICS).map((row) => ({ key: row.topic, count: row.count }));
  const others = rows.slice(TOP_LEGAL_TOPICS);
  if (others.length > 0) listed.push({ key: OTHER_TOPICS, count: others.reduce((sum, row) => sum + row.count, 0) });
  const lines = [...listed, { key: ALL_ROWS, count: listed.reduce((sum, row) => sum + row.count, 0) }];
  const shown = suppressTable(lines.map((line) => [line.count]), sumGroups(listed.length, indexes(listed.length), [0]));
  return { columns: ['legal.count'], rows: lines.map((line, row) => ({ key: line.key, cells: shown[row]! })) };
}
