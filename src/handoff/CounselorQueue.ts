import type { ReportUrgency } from '../reports/reportTypes.js';
import type { Database } from '../store/Database.js';

/** One line of a counselor's queue: a report to handle or a person asking to talk. */
export interface QueueItem {
  readonly kind: 'report' | 'request';
  readonly id: string;
  /** The report's reference code; undefined for a request. */
  readonly code?: string;
  readonly routedAreaCode: string;
  /** Immediate danger reported, or an urgent request from the danger interrupt. */
  readonly danger: boolean;
  readonly urgency?: ReportUrgency;
  readonly createdAt: Date;
}

/**
 * What the counselors of some areas have to handle: open reports (received or in progress) and
 * open requests routed to those areas. Routing already fell back commune → district → province →
 * national when the report was filed. The inbox shows this list.
 */
export class CounselorQueue {
  constructor(private readonly db: Database) {}

  /** The queue of the given areas: danger first (newest first), then the rest, oldest waiting first. */
  async list(areaCodes: readonly string[]): Promise<QueueItem[]> {
    const [reports, requests] = await Promise.all([
      this.db.prisma.report.findMany({
        where: { routedAreaCode: { in: [...areaCodes] }, status: { in: ['received', 'in_progress'] } },
        select: { id: true, code: true, routedAreaCode: true, urgency: true, createdAt: true },
      }),
      this.db.prisma.counselorRequest.findMany({
        where: { routedAreaCode: { in: [...areaCodes] }, status: 'open' },
        select: { id: true, routedAreaCode: true, priority: true, createdAt: true },
      }),
    ]);
    const items: QueueItem[] = [
      ...reports.map((r) => ({ kind: 'report' as const, id: r.id, code: r.code, routedAreaCode: r.routedAreaCode, danger: r.urgency === 'immediate', urgency: r.urgency, createdAt: r.createdAt })),
      ...requests.map((r) => ({ kind: 'request' as const, id: r.id, routedAreaCode: r.routedAreaCode, danger: r.priority === 'urgent', createdAt: r.createdAt })),
    ];
    return items.sort((a, b) => {
      if (a.danger !== b.danger) return a.danger ? -1 : 1;
      const age = a.createdAt.getTime() - b.createdAt.getTime();
      return a.danger ? -age : age;
    });
  }
}
