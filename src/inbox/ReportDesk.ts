/** A report as the inbox shows it. */
export interface InboxReport {
  readonly id: string;
  readonly status: string;
  /** What was done, recorded at closing. */
  readonly outcomes?: readonly string[];
  readonly areaCode: string | null;
  /** Opened (unsealed) summary for the counselor. */
  readonly summary: string;
}

/**
 * What the inbox needs from the reports service (built on the safety branch): find a report and
 * change its status. Connected in the composition root; without it the report routes answer 501.
 */
export interface ReportDesk {
  /** The statuses a counselor may set. */
  readonly statuses: readonly string[];
  /** What a counselor may record as done when closing a report (empty when not recorded). */
  readonly outcomes?: readonly string[];
  find(id: string): Promise<InboxReport | undefined>;
  /** @param outcomes - with status `closed`: what was done, each one of {@link outcomes}. */
  setStatus(id: string, status: string, counselorId: string, outcomes?: readonly string[]): Promise<void>;
}
