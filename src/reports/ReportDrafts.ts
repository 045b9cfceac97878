import { TurnContext, type BotState, type StatePropertyAccessor } from 'botbuilder';
import type { SecretBox } from '../crypto/SecretBox.js';
import type { PersonRef } from '../privacy/personOf.js';
import type { ReportSubmission } from './ReportService.js';
import type { AffectedPerson, OngoingAnswer, ViolenceKind, WhenAnswer } from './reportTypes.js';

/** The answers of a report being written, kept in the conversation state between turns. */
export interface ReportDraft {
  dangerNow?: boolean;
  affected?: AffectedPerson;
  kinds: ViolenceKind[];
  provinceCode?: string;
  districtCode?: string;
  communeCode?: string;
  when?: WhenAnswer;
  ongoing?: OngoingAnswer;
  contactVia?: 'none' | 'phone' | 'chat';
  /** {@link DraftSecrets}, sealed: the conversation state is stored in the database too. */
  sealed?: string;
}

/** The parts of a draft that are the person's own words or contact details. */
export interface DraftSecrets {
  description: string[];
  placeText?: string;
  phone?: string;
  hours?: string;
}

const EMPTY_SECRETS: DraftSecrets = { description: [] };

/**
 * The report draft of a conversation. Answers that routing and statistics need stay readable; what
 * the person wrote (description, a typed place, phone, hours) is sealed even in the draft. The
 * draft belongs to the conversation state, so "delete my data" erases it with that state.
 */
export class ReportDrafts {
  private readonly draft: StatePropertyAccessor<ReportDraft>;

  constructor(
    conversationState: BotState,
    private readonly secretBox: SecretBox,
  ) {
    this.draft = conversationState.createProperty<ReportDraft>('reportDraft');
  }

  /** The current draft (an empty one when none). */
  async get(context: TurnContext): Promise<ReportDraft> {
    return (await this.draft.get(context)) ?? { kinds: [] };
  }

  /** Merges answers into the draft. */
  async update(context: TurnContext, answers: Partial<Omit<ReportDraft, 'sealed'>>): Promise<void> {
    await this.draft.set(context, { ...(await this.get(context)), ...answers });
  }

  /** The draft's sealed part, opened. */
  async secrets(context: TurnContext): Promise<DraftSecrets> {
    const { sealed } = await this.get(context);
    return sealed ? this.secretBox.openJson<DraftSecrets>(sealed, sealContext(context)) : EMPTY_SECRETS;
  }

  /** Changes the sealed part. */
  async updateSecrets(context: TurnContext, change: (secrets: DraftSecrets) => DraftSecrets): Promise<void> {
    const sealed = this.secretBox.sealJson(change(await this.secrets(context)), sealContext(context));
    await this.draft.set(context, { ...(await this.get(context)), sealed });
  }

  /** Throws the draft away (sent, cancelled, or the person left). */
  async clear(context: TurnContext): Promise<void> {
    await this.draft.delete(context);
  }

  /** The most precise area the draft names, if any. */
  async areaCode(context: TurnContext): Promise<string | undefined> {
    const draft = await this.get(context);
    return draft.communeCode ?? draft.districtCode ?? draft.provinceCode;
  }

  /** The draft as a report to file, from this person, answerable in this chat if they chose so. */
  async toSubmission(context: TurnContext, reporter: PersonRef): Promise<ReportSubmission> {
    const draft = await this.get(context);
    const secrets = await this.secrets(context);
    const contact: ReportSubmission['contact'] =
      draft.contactVia === 'phone' && secrets.phone
        ? { via: 'phone', phone: secrets.phone, hours: secrets.hours }
        : draft.contactVia === 'chat'
          ? { via: 'chat', conversation: TurnContext.getConversationReference(context.activity) }
          : { via: 'none' };
    return {
      reporter,
      dangerNow: draft.dangerNow,
      affected: draft.affected,
      kinds: draft.kinds,
      place: { provinceCode: draft.provinceCode, districtCode: draft.districtCode, communeCode: draft.communeCode, text: secrets.placeText },
      when: draft.when,
      ongoing: draft.ongoing,
      description: secrets.description,
      contact,
    };
  }
}

/** Binds the sealed draft to its conversation. */
function sealContext(context: TurnContext): string {
  return `report-draft:${context.activity.channelId}:${context.activity.conversation?.id ?? ''}`;
}
