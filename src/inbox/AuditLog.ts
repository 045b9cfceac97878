import type { SqlExecutor } from '../store/Database.js';

/** One audit entry. */
export interface AuditEntry {
  readonly counselorId: string;
  /** e.g. `transcript.view`, `report.view`, `report.status`, `session.close`, `counselor.create`, `meeting.cancel`, `statistics.export.xlsx`, `directory.update`. */
  readonly action: string;
  readonly subjectType: 'session' | 'report' | 'counselor' | 'club' | 'statistics' | 'meeting' | 'retention' | 'directory';
  readonly subjectId: string;
}

/** Who viewed which transcript or report and who changed what; admins read it in the inbox. */
export class AuditLog {
  constructor(private readonly sql: SqlExecutor) {}

  /** Appends an entry. */
  async write(entry: AuditEntry): Promise<void> {
    await this.sql.query('INSERT INTO audit_log (counselor_id, action, subject_type, subject_id) VALUES ($1, $2, $3, $4)', [
      entry.counselorId,
      entry.action,
      entry.subjectType,
      entry.subjectId,
    ]);
  }

  /** The newest entries first. */
  async recent(limit = 200): Promise<(AuditEntry & { at: Date })[]> {
    const rows = await this.sql.query<{ counselor_id: string; action: string; subject_type: AuditEntry['subjectType']; subject_id: string; at: Date }>(
      'SELECT counselor_id, action, subject_type, subject_id, at FROM audit_log ORDER BY seq DESC LIMIT $1',
      [limit],
    );
    return rows.map((row) => ({ counselorId: row.counselor_id, action: row.action, subjectType: row.subject_type, subjectId: row.subject_id, at: row.at }));
  }
}
