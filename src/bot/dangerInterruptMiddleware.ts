import { ActivityTypes, type BotState, type Middleware, type TurnContext } from 'botbuilder';
import { markDanger } from '../handoff/dangerSignal.js';
import type { Logger } from '../logger.js';
import type { DangerCategory, DangerDetector } from '../safety/DangerDetector.js';
import { DIRECTORY_URGENT_PAYLOAD, HANDOFF_REQUEST, type SafetyResponder } from './SafetyResponder.js';
import { turnLocale } from './turnLocale.js';

/** The offer the interrupt made, waiting for an answer in the conversation state. */
interface PendingOffer {
  readonly category: DangerCategory;
}

const RESUME_KEY = Symbol('resumeAfterInterrupt');
const INTERRUPTED_KEY = Symbol('interruptedByDanger');

/**
 * True on the turn the danger interrupt answered. Dialogs then ask nothing: only one taking the
 * person's own words (a description, additions) keeps the message, and anything they would send
 * is dropped so that the offer stays the last message, with its buttons.
 */
export function interruptedByDanger(context: TurnContext): boolean {
  return context.turnState.get(INTERRUPTED_KEY) === true;
}

/**
 * True when this turn answered a danger interrupt and the interrupted dialog should ask its
 * question again (the main dialog reprompts instead of treating the answer as input).
 */
export function resumeAfterInterrupt(context: TurnContext): boolean {
  return context.turnState.get(RESUME_KEY) === true;
}

/**
 * Runs before any dialog on every message. On a sign of immediate danger it answers at once (the
 * emergency numbers first, then the offer of a counselor); the interrupted question stays open
 * (see {@link interruptedByDanger}). The next message answers the offer: "counselor" queues an
 * urgent request, "continue" resumes the dialog, "find help near me" opens the directory;
 * anything else goes to the dialog as usual.
 */
export function dangerInterruptMiddleware(deps: {
  detector: DangerDetector;
  responder: SafetyResponder;
  conversationState: BotState;
  logger: Logger;
  /**
   * The service has human handoff: accepting the offer then opens a counselor conversation at the
   * top of the queue (the handoff dialog takes the request payload) instead of a request record.
   */
  handoff?: boolean;
}): Middleware {
  const pending = deps.conversationState.createProperty<PendingOffer | undefined>('safetyOffer');
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const text = context.activity.type === ActivityTypes.Message ? context.activity.text : undefined;
      if (!text) return next();
      const category = deps.detector.detect(text);
      if (category) {
        // The category only: never the words, never who.
        deps.logger.info({ category, channel: context.activity.channelId }, 'danger interrupt');
        // A person already waiting for a counselor moves to the top of the queue.
        markDanger(context);
        await deps.responder.alert(context, category);
        await pending.set(context, { category });
        context.turnState.set(INTERRUPTED_KEY, true);
        // Nothing may follow the offer this turn: a later message would take its buttons away.
        context.onSendActivities(async () => []);
        return next();
      }
      const offer = await pending.get(context);
      if (offer) {
        await pending.delete(context);
        const answer = deps.responder.matchOffer(text, turnLocale(context));
        if (answer === 'directory') {
          // The directory's menu entry answers this payload from anywhere, urgently.
          context.activity.text = DIRECTORY_URGENT_PAYLOAD;
          return next();
        }
        if (answer === 'counselor' && deps.handoff) {
          markDanger(context);
          // The accepted offer is the handoff request itself, whatever words were used to accept it.
          context.activity.text = HANDOFF_REQUEST;
          return next();
        }
        if (answer === 'counselor') await deps.responder.requestCounselor(context, { priority: 'urgent', reason: offer.category });
        if (answer) context.turnState.set(RESUME_KEY, true);
      }
      return next();
    },
  };
}
