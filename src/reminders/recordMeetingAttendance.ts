import type { SqlExecutor } from '../store/Database.js';

/**
 * Records how many people came to a meeting (null clears it), as the organiser reports it.
 * @returns false when there is no such meeting.
 */
export async function recordMeetingAttendance(sql: SqlExecutor, meetingId: number, attendance: number | null): Promise<boolean> {
  const rows = await sql.query('UPDATE meeting SET attendance = $2 WHERE id = $1 RETURNING id', [meetingId, attendance]);
  return rows.length > 0;
}
