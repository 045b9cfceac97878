/**
 * The answers a report is made of. Each list matches a Prisma enum of the same name in
 * prisma/schema.prisma (the type checker rejects a value Prisma does not know).
 */

/** Who is affected: the reporter, a child, an older person, an adult they know, someone else. */
export const AFFECTED_PERSONS = ['self', 'child', 'elderly', 'acquaintance', 'other'] as const;
/** One of {@link AFFECTED_PERSONS}. */
export type AffectedPerson = (typeof AFFECTED_PERSONS)[number];

/**
 * What happened, grouped as the acts Law 13/2022/QH15 Article 3 names: physical violence; insults,
 * threats and humiliation; sexual violence; economic control; isolation and control of movement;
 * forced marriage, divorce or pregnancy; other.
 */
export const VIOLENCE_KINDS = ['physical', 'mental', 'sexual', 'economic', 'isolation', 'forced', 'other'] as const;
/** One of {@link VIOLENCE_KINDS}. */
export type ViolenceKind = (typeof VIOLENCE_KINDS)[number];

/** When it happened. */
export const WHEN_ANSWERS = ['now', 'today', 'week', 'earlier'] as const;
/** One of {@link WHEN_ANSWERS}. */
export type WhenAnswer = (typeof WHEN_ANSWERS)[number];

/** Whether it is still going on. */
export const ONGOING_ANSWERS = ['yes', 'no', 'unsure'] as const;
/** One of {@link ONGOING_ANSWERS}. */
export type OngoingAnswer = (typeof ONGOING_ANSWERS)[number];

/** How pressing a report is, most urgent first. */
export type ReportUrgency = 'immediate' | 'ongoing' | 'past' | 'unknown';

/** Where a report stands: received, a counselor handles it, referred (police, health, legal aid), closed. */
export type ReportStatus = 'received' | 'in_progress' | 'referred_police' | 'referred_health' | 'referred_legal_aid' | 'closed';

/**
 * What was done about a report, as the half-year report to the provincial departments counts it:
 * measures against the violence, then help the victim received.
 */
export const REPORT_OUTCOMES = [
  'criticised',
  'fined',
  'prosecuted',
  'counselled_psychological',
  'counselled_legal',
  'counselled_health',
  'counselled_vocational',
  'referred_shelter',
] as const;
/** One of {@link REPORT_OUTCOMES}. */
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/** The ways a reporter may agree to be contacted first. */
export type ContactChannel = 'phone' | 'chat';

/** Derives the urgency from the answers: danger now, else still going on, else over. */
export function urgencyOf(answers: { dangerNow?: boolean; when?: WhenAnswer; ongoing?: OngoingAnswer }): ReportUrgency {
  if (answers.dangerNow) return 'immediate';
  if (answers.when === 'now' || answers.ongoing === 'yes') return 'ongoing';
  if (answers.ongoing === 'no') return 'past';
  return 'unknown';
}
