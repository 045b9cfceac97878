import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { SecretBox } from '../crypto/SecretBox.js';
import { Prisma } from '../generated/prisma/client.js';
import type { PersonRef } from '../privacy/personOf.js';
import type { Database } from '../store/Database.js';
import { generateReferenceCode, normalizeReferenceCode } from './referenceCode.js';
import {
  urgencyOf,
  type AffectedPerson,
  type ContactChannel,
  type OngoingAnswer,
  type ReportOutcome,
  type ReportStatus,
  type ReportUrgency,
  type ViolenceKind,
  type WhenAnswer,
} from './reportTypes.js';

/** How a reporter agreed to be reached, with the details that needs. */
export type ReporterContact =
  | { readonly via: 'none' }
  | { readonly via: 'phone'; readonly phone: string; readonly hours?: string }
  | { readonly via: 'chat'; readonly conversation: Partial<ConversationReference> };

/** Where it happened: codes from the area catalog, and/or what the person typed. */
export interface ReportPlace {
  readonly provinceCode?: string;
  readonly districtCode?: string;
  readonly communeCode?: string;
  readonly text?: string;
}

/** What the reporting dialog hands over; every answer but the reporter may be missing. */
export interface ReportSubmission {
  readonly reporter: PersonRef;
  readonly dangerNow?: boolean;
  readonly affected?: AffectedPerson;
  readonly kinds: readonly ViolenceKind[];
  readonly place: ReportPlace;
  readonly when?: WhenAnswer;
  readonly ongoing?: OngoingAnswer;
  readonly description: readonly string[];
  readonly contact: ReporterContact;
}

/** The sealed part of a report. */
export interface ReportDetails {
  readonly dangerNow?: boolean;
  readonly placeText?: string;
  readonly when?: WhenAnswer;
  readonly ongoing?: OngoingAnswer;
  readonly description: readonly string[];
}

/** A report opened for a counselor. */
export interface ReportView {
  readonly id: string;
  readonly code: string;
  readonly status: ReportStatus;
  /** What was done, recorded when it was closed. */
  readonly outcomes: readonly ReportOutcome[];
  readonly urgency: ReportUrgency;
  readonly affected?: AffectedPerson;
  readonly kinds: readonly ViolenceKind[];
  readonly provinceCode?: string;
  readonly districtCode?: string;
  readonly communeCode?: string;
  readonly routedAreaCode: string;
  readonly details: ReportDetails;
  readonly contact: ReporterContact;
  readonly additions: readonly { readonly text: string; readonly createdAt: Date }[];
  readonly createdAt: Date;
}

/** Raised when no unused reference code was found after several tries (practically never). */
export class ReferenceCodeExhaustedError extends Error {
  override readonly name = 'ReferenceCodeExhaustedError';
}

const CODE_ATTEMPTS = 5;

// SecretBox contexts bind each sealed value to its row and purpose: a value copied elsewhere will not open.
const detailsContext = (id: string) => `report:${id}:details`;
const contactContext = (id: string) => `report:${id}:contact`;
const additionContext = (id: string) => `report:${id}:addition`;

/**
 * Reports: filing, lookup by reference code, additions, consent to contact, de-identification.
 * Contents and contact details are sealed before they reach the database.
 */
export class ReportService {
  /**
   * @param route - the area whose counselors take a report from the given area code.
   * @param newCode - reference code source; tests pass a colliding one to prove the retry.
   */
  constructor(
    private readonly db: Database,
    private readonly secretBox: SecretBox,
    private readonly route: (areaCode: string | undefined) => Promise<string>,
    private readonly newCode: () => string = generateReferenceCode,
  ) {}

  /**
   * Stores a report and gives it a reference code, unique by the database's index: on a collision
   * another code is drawn.
   */
  async submit(report: ReportSubmission): Promise<{ id: string; code: string; routedAreaCode: string }> {
    const id = randomUUID();
    const { place } = report;
    const details: ReportDetails = {
      dangerNow: report.dangerNow,
      placeText: place.text,
      when: report.when,
      ongoing: report.ongoing,
      description: report.description,
    };
    const routedAreaCode = await this.route(place.communeCode ?? place.districtCode ?? place.provinceCode);
    const data = {
      id,
      reporterPseudonym: report.reporter.pseudonym,
      channel: report.reporter.channel,
      affected: report.affected,
      kinds: [...report.kinds],
      provinceCode: place.provinceCode,
      districtCode: place.districtCode,
      communeCode: place.communeCode,
      routedAreaCode,
      urgency: urgencyOf(report),
      detailsSealed: this.secretBox.sealJson(details, detailsContext(id)),
      contactConsent: report.contact.via,
      contactSealed: report.contact.via === 'none' ? null : this.secretBox.sealJson(report.contact, contactContext(id)),
    };
    for (let attempt = 1; attempt <= CODE_ATTEMPTS; attempt += 1) {
      const code = this.newCode();
      try {
        await this.db.prisma.report.create({ data: { ...data, code } });
        return { id, code, routedAreaCode };
      } catch (error) {
        if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
      }
    }
    throw new ReferenceCodeExhaustedError(`no unused reference code after ${CODE_ATTEMPTS} attempts`);
  }

  /** The status of the report with this code (any spelling of it), or undefined. */
  async statusByCode(code: string): Promise<ReportStatus | undefined> {
    const normalized = normalizeReferenceCode(code);
    if (!normalized) return undefined;
    const row = await this.db.prisma.report.findUnique({ where: { code: normalized }, select: { status: true } });
    return row?.status;
  }

  /** Adds a message to the report with this code; false when there is no such report. */
  async addInformation(code: string, text: string): Promise<boolean> {
    const normalized = normalizeReferenceCode(code);
    const report = normalized ? await this.db.prisma.report.findUnique({ where: { code: normalized }, select: { id: true } }) : null;
    if (!report) return false;
    await this.db.prisma.reportAddition.create({
      data: { id: randomUUID(), reportId: report.id, textSealed: this.secretBox.seal(text, additionContext(report.id)) },
    });
    await this.db.prisma.report.update({ where: { id: report.id }, data: { updatedAt: new Date() } });
    return true;
  }

  /** A report with its sealed parts opened, for the counselor who handles it. */
  async read(id: string): Promise<ReportView | undefined> {
    const row = await this.db.prisma.report.findUnique({ where: { id }, include: { additions: { orderBy: { createdAt: 'asc' } } } });
    if (!row) return undefined;
    return {
      id: row.id,
      code: row.code,
      status: row.status,
      outcomes: row.outcomes,
      urgency: row.urgency,
      affected: row.affected ?? undefined,
      kinds: row.kinds,
      provinceCode: row.provinceCode ?? undefined,
      districtCode: row.districtCode ?? undefined,
      communeCode: row.communeCode ?? undefined,
      routedAreaCode: row.routedAreaCode,
      // Erased by the retention job: the report is still counted, its words are gone.
      details: row.detailsSealed ? this.secretBox.openJson<ReportDetails>(row.detailsSealed, detailsContext(row.id)) : { description: [] },
      contact: row.contactSealed ? this.secretBox.openJson<ReporterContact>(row.contactSealed, contactContext(row.id)) : { via: 'none' },
      additions: row.additions.map((addition) => ({ text: this.secretBox.open(addition.textSealed, additionContext(row.id)), createdAt: addition.createdAt })),
      createdAt: row.createdAt,
    };
  }

  /**
   * Changes a report's status (a counselor handling it); false when there is no such report.
   * Closing records when (the retention clock) and what was done (`outcomes`, for the statistics).
   */
  async setStatus(id: string, status: ReportStatus, outcomes: readonly ReportOutcome[] = []): Promise<boolean> {
    const closing = status === 'closed' ? { closedAt: new Date(), outcomes: [...outcomes] } : { closedAt: null };
    const { count } = await this.db.prisma.report.updateMany({ where: { id }, data: { status, ...closing } });
    return count > 0;
  }

  /**
   * Whether the service may reach the reporter first through `via`. The outbound side asks this
   * before every message it did not get a question for: without consent, never.
   */
  async canContactReporter(reportId: string, via: ContactChannel): Promise<boolean> {
    const row = await this.db.prisma.report.findUnique({ where: { id: reportId }, select: { contactConsent: true } });
    return row?.contactConsent === via;
  }

  /**
   * "Delete my data": the person's reports stay so help can continue, but lose everything that
   * points back to them (pseudonym, channel, contact details and the consent to use them).
   * @returns how many reports were de-identified.
   */
  async deidentifyReporter(pseudonym: string): Promise<number> {
    const { count } = await this.db.prisma.report.updateMany({
      where: { reporterPseudonym: pseudonym },
      data: { reporterPseudonym: null, channel: null, contactConsent: 'none', contactSealed: null },
    });
    return count;
  }
}
