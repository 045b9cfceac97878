import type { InboxReport, ReportDesk } from '../inbox/ReportDesk.js';
import type { ReportService, ReportView } from './ReportService.js';
import { REPORT_OUTCOMES, type ReportOutcome } from './reportTypes.js';

/** The statuses a counselor may give a report, in the order the inbox offers them. */
const STATUSES = ['received', 'in_progress', 'referred_police', 'referred_health', 'referred_legal_aid', 'closed'] as const;
type Status = (typeof STATUSES)[number];

function summary(report: ReportView): string {
  // Plain text only: the inbox inserts it as text, never as HTML.
  const parts = [
    `${report.code} · ${report.urgency}`,
    report.kinds.length ? report.kinds.join(', ') : '',
    report.affected ?? '',
    report.details.placeText ?? '',
    ...report.details.description,
    ...report.additions.map((addition) => `+ ${addition.text}`),
  ];
  return parts.filter(Boolean).join('\n');
}

/** The inbox's view of the reports service: open a report for a counselor, change its status. */
export function reportDesk(reports: ReportService): ReportDesk {
  return {
    statuses: STATUSES,
    outcomes: REPORT_OUTCOMES,
    async find(id: string): Promise<InboxReport | undefined> {
      const report = await reports.read(id);
      return report && { id: report.id, status: report.status, outcomes: report.outcomes, areaCode: report.routedAreaCode, summary: summary(report) };
    },
    async setStatus(id: string, status: string, _counselorId: string, outcomes: readonly string[] = []): Promise<void> {
      if (!(STATUSES as readonly string[]).includes(status)) throw new Error(`unknown report status ${status}`);
      const unknown = outcomes.find((outcome) => !(REPORT_OUTCOMES as readonly string[]).includes(outcome));
      if (unknown !== undefined) throw new Error(`unknown report outcome ${unknown}`);
      await reports.setStatus(id, status as Status, outcomes as readonly ReportOutcome[]);
    },
  };
}
