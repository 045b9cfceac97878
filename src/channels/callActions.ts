import { ActionTypes, CardFactory, type Activity, type CardAction, type HeroCard } from 'botbuilder';

/** A tap-to-call button of an outgoing activity: its title and the number as dialled in Vietnam. */
export interface CallAction {
  readonly title: string;
  readonly number: string;
}

/**
 * The `call` actions (`tel:` values) on an activity's hero cards, as the directory sends its
 * tap-to-call buttons. Channels that have a call button of their own render these with it.
 */
export function callActionsOf(activity: Partial<Activity>): CallAction[] {
  return (activity.attachments ?? [])
    .filter((attachment) => attachment.contentType === CardFactory.contentTypes.heroCard)
    .flatMap((attachment) => (attachment.content as HeroCard).buttons ?? [])
    .filter((action: CardAction) => action.type === ActionTypes.Call && typeof action.value === 'string' && action.value.startsWith('tel:'))
    .map((action) => ({ title: String(action.title ?? action.value), number: String(action.value).slice('tel:'.length) }));
}
