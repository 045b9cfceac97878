import { ActivityTypes, TurnContext, type BotState, type StatePropertyAccessor } from 'botbuilder';
import { turnLookup, type BotPause } from '../bot/BotPause.js';
import type { UserProfile } from '../bot/UserProfile.js';
import { turnLocale } from '../bot/turnLocale.js';
import { saveStates } from '../store/optimisticState.js';
import type { Texts } from '../i18n.js';
import { equalsAny } from '../text/foldText.js';
import { attachmentLinks } from './attachmentLinks.js';
import { isDangerTurn } from './dangerSignal.js';
import type { HandoffService, HandoffSession } from './HandoffService.js';
import type { ReportService } from '../reports/ReportService.js';

const PERSON_KEY = Symbol('handoffPerson');
const SESSION_KEY = Symbol('handoffSessionForTurn');

/** The pseudonymous id of the person of this turn, set by the handoff gate. */
export function turnPerson(context: TurnContext): string | undefined {
  return context.turnState.get(PERSON_KEY) as string | undefined;
}

/** What the gate is built from. */
export interface HandoffGateDeps {
  readonly service: HandoffService;
  /** The pseudonymous person id of a platform user (ChannelUsers.idFor). */
  readonly identify: (channel: string, platformUserId: string) => string;
  readonly texts: Texts;
  readonly profile: StatePropertyAccessor<UserProfile>;
  readonly userState: BotState;
  readonly conversationState: BotState;
  /** Where a message left after the long-wait or after-hours notice becomes a report. */
  readonly reports?: ReportService;
}

/**
 * The handoff gate, a {@link BotPause} that runs before the bot and stops it (after the locale and
 * the safety middleware, so danger still gets the emergency numbers). While the person waits for or
 * talks with a counselor, their messages go to the transcript and the bot stays silent; waiting
 * people hear their place in the queue, or the hotlines after a long wait or outside hours. On the
 * first turn after a close the bot takes over again with a fresh dialog and discloses itself again.
 */
export function handoffGate(deps: HandoffGateDeps): BotPause {
  const { service, texts } = deps;
  /** The person's open session (and whether the bot just took them back) for a message turn. */
  const lookup = (context: TurnContext) => {
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message || !activity.from?.id) return undefined;
    const personId = turnPerson(context) ?? deps.identify(activity.channelId, activity.from.id);
    context.turnState.set(PERSON_KEY, personId);
    return { personId, found: turnLookup(context, SESSION_KEY, () => service.sessionForTurn(personId)) };
  };
  return {
    prefetch(context: TurnContext): void {
      lookup(context);
    },
    async holdTurn(context: TurnContext): Promise<boolean> {
      const { activity } = context;
      const asked = lookup(context);
      if (!asked) return false;
      const { personId } = asked;
      const { session, handBack } = await asked.found;
      if (!session) {
        if (handBack) {
          // Reset and saved before the session is marked handed back: a turn that fails in between
          // resets again on the next message instead of never.
          await forgetConversation(context, deps, { disclosed: false });
          await service.takeBack(personId);
        }
        return false;
      }
      const t = texts.t(turnLocale(context));
      if (isDangerTurn(context)) await service.flagDanger(personId);
      const text = activity.text ?? '';
      if (session.state === 'waiting' && equalsAny(text, texts.listAll('handoff:cancelWords'))) {
        await service.close(session, 'cancelled');
        await service.takeBack(personId);
        // The cancellation message says it is the automated assistant again.
        await forgetConversation(context, deps, { disclosed: true });
        await context.sendActivity(t('handoff:cancelled'));
        return true;
      }
      await service.recordPersonMessage(session, text, attachmentLinks(activity.attachments));
      if (session.state !== 'waiting') return true;
      if (await service.noticeIfDue(session)) {
        await context.sendActivity(t(service.isOnDuty(session) ? 'handoff:waitTooLong' : 'handoff:closedHours'));
      } else if (session.noticeSentAt && deps.reports && text.trim()) {
        // After the notice the person was told they can leave a message: it becomes a report (the
        // queue place stays), so help follows even if no counselor comes back to this chat.
        const code = await leaveMessage(deps.reports, service, session, context, text);
        await context.sendActivity(t('handoff:messageLeft', { code }));
      } else {
        await context.sendActivity(t('handoff:stillWaiting', { position: await service.positionOf(session) }));
      }
      return true;
    },
  };
}

/**
 * Files the person's message as a report (the first one) or adds it to the report already filed
 * from this wait. Asking for a counselor here is consent to be answered in this chat.
 * @returns the report's reference code.
 */
async function leaveMessage(reports: ReportService, service: HandoffService, session: HandoffSession, context: TurnContext, text: string): Promise<string> {
  const existing = session.reportId ? await reports.read(session.reportId) : undefined;
  if (existing) {
    await reports.addInformation(existing.code, text);
    return existing.code;
  }
  const { id, code } = await reports.submit({
    reporter: { channel: session.channel, pseudonym: session.personId },
    kinds: [],
    place: {},
    description: [text],
    contact: { via: 'chat', conversation: TurnContext.getConversationReference(context.activity) },
  });
  await service.linkReport(session, id);
  return code;
}

/** Starts the bot's side afresh: empty dialog stack, disclosure flag as given; saved at once. */
async function forgetConversation(context: TurnContext, deps: HandoffGateDeps, profile: { disclosed: boolean }): Promise<void> {
  const current = await deps.profile.get(context, {});
  await deps.profile.set(context, { ...current, ...profile });
  await deps.conversationState.clear(context);
  await saveStates(context, [deps.userState, deps.conversationState]);
  // Read back with the new eTags: the bot saves again at the end of this turn.
  await deps.userState.load(context, true);
  await deps.conversationState.load(context, true);
}
