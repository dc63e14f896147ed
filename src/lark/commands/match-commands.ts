import { z } from 'zod';
import { documentStatus, STATUS_LABELS } from '../../ingest/index.js';
import type { Logger } from '../../log/index.js';
import {
  FIELD_CLASSES,
  knownPlaces,
  matchMeasures,
  quoteFor,
  readProfile,
  WHO_CLASSES,
  type MatchDocument,
  type Profile,
  type ProfileStore,
  type Stage,
} from '../../match/index.js';
import {
  BACK_ACTION,
  DETAIL_ACTION,
  matchFormCard,
  matchResultCard,
  measureDetailCard,
  SUBMIT_ACTION,
  type FormChoices,
} from '../cards/match-cards.js';
import { noticeCard } from '../cards/notice-card.js';
import type { Clock } from '../../clock/index.js';
import { friendlyMessage } from '../answering/friendly-messages.js';
import type { CardAction, CardActionHandlers, CardActionReply } from '../inbound/card-actions.js';
import type { Command } from './route-commands.js';

/** What `/match` and its card actions need: the served documents, the profile store and the clock. */
interface MatchDeps {
  /** The documents of the serving index (throws when there is none). */
  documents(): MatchDocument[];
  profiles: ProfileStore;
  clock: Clock;
  logger: Logger;
}

const STAGES: Stage[] = ['筹备', '初创', '成长'];
const MAX_PLACES = 50;

/** The selects' options: the places the documents cover, and the identities, fields and stages matching knows. */
export function formChoices(documents: MatchDocument[]): FormChoices {
  return {
    places: knownPlaces(documents).slice(0, MAX_PLACES),
    who: WHO_CLASSES.map((profileClass) => profileClass.name),
    industries: FIELD_CLASSES.map((profileClass) => profileClass.name),
    stages: STAGES,
  };
}

const FORGET = /^(?:forget|忘记|删除|清除)$/i;

/** `/match` (政策匹配): the form, prefilled from the saved profile; `/match forget` deletes it; `/match 一句话` matches at once. */
export function matchCommand(deps: MatchDeps): Command {
  return {
    name: 'match',
    aliases: ['政策匹配'],
    run: async (context, args) => {
      const person = context.message.senderId;
      if (FORGET.test(args)) {
        const had = await deps.profiles.forget(person);
        deps.logger.info('lark.match_forget', { user: person, had });
        await context.reply(noticeCard('政策匹配', { text: had ? '已删除您保存的匹配条件。' : '您没有保存过匹配条件。' }));
        return;
      }
      let documents: MatchDocument[];
      try {
        documents = deps.documents();
      } catch (error) {
        await context.reply(noticeCard('政策匹配', { text: friendlyMessage(error) }));
        return;
      }
      if (args !== '') {
        // a sentence typed after /match is matched at once, and not remembered (only the form saves)
        const profile = readProfile(args, knownPlaces(documents));
        await context.reply(matchResultCard(matchMeasures(profile, documents, new Date(deps.clock.now()))));
        return;
      }
      // a saved profile is shown only to its owner: prefilled in a direct message, never in a group
      const saved = context.message.chatType === 'p2p' ? await deps.profiles.get(person) : undefined;
      await context.reply(matchFormCard(formChoices(documents), saved?.profile));
    },
  };
}

const choice = z.string().trim().min(1).max(40).optional();
const formSchema = z.object({ place: choice, who: choice, industry: choice, stage: z.enum(['筹备', '初创', '成长']).optional() });
const listed = z.string().max(200).optional();
const profileSchema = z.object({ place: choice, who: listed, industry: listed, stage: z.enum(['筹备', '初创', '成长']).optional() });
const detailSchema = profileSchema.extend({ source: z.string().min(1), measure: z.string().min(1) });

function profileOf(fields: {
  place?: string | undefined;
  who?: string | undefined;
  industry?: string | undefined;
  stage?: Stage | undefined;
}): Profile {
  const split = (value?: string) => (value ? value.split('、').filter((part) => part !== '') : []);
  return {
    ...(fields.place ? { place: fields.place } : {}),
    who: split(fields.who),
    industry: split(fields.industry),
    ...(fields.stage ? { stage: fields.stage } : {}),
  };
}

/** Only options the form offered are accepted: a forged value is refused, not matched or stored. */
function offered(form: z.infer<typeof formSchema>, choices: FormChoices): boolean {
  return (
    (!form.place || choices.places.includes(form.place)) &&
    (!form.who || choices.who.includes(form.who)) &&
    (!form.industry || choices.industries.includes(form.industry))
  );
}

/** The form's submit, 详细 and 返回 as card actions keyed by `value.action`. */
export function matchCardActions(deps: MatchDeps): CardActionHandlers {
  const today = () => new Date(deps.clock.now());
  const submit = async (action: CardAction): Promise<CardActionReply> => {
    const parsed = formSchema.safeParse(action.formValue ?? {});
    const documents = deps.documents();
    if (!parsed.success || !offered(parsed.data, formChoices(documents)))
      return { toast: { type: 'warning', content: '无法识别提交的条件，请重新发送 /match。' } };
    const profile = profileOf(parsed.data);
    // remembered only here, when the person submits the form
    await deps.profiles.save(action.operatorId, { profile, savedAt: today().toISOString() });
    deps.logger.info('lark.match_submit', { user: action.operatorId, chatId: action.chatId });
    const result = matchMeasures(profile, documents, today());
    return { toast: { type: 'success', content: '已保存您的条件' }, card: { type: 'raw', data: matchResultCard(result) } };
  };
  const detail = async (action: CardAction): Promise<CardActionReply> => {
    const parsed = detailSchema.safeParse(action.value);
    if (!parsed.success) return { toast: { type: 'warning', content: '无法识别这条措施。' } };
    const document = deps.documents().find((candidate) => candidate.source === parsed.data.source);
    const measure = document?.measures.measures.find((candidate) => candidate.id === parsed.data.measure);
    if (!document || !measure) return { toast: { type: 'info', content: '这条措施已不在当前知识库中，请重新发送 /match。' } };
    const profile = profileOf(parsed.data);
    const matched = matchMeasures(profile, [document], today()).measures.find((candidate) => candidate.id === measure.id);
    const detailCard = measureDetailCard({
      measure,
      title: document.title,
      period: document.facts?.period?.text ?? '',
      status: STATUS_LABELS[documentStatus(document.facts, today())],
      quote: matched?.quote ?? quoteFor(measure.text, []),
      profile,
    });
    return { card: { type: 'raw', data: detailCard } };
  };
  const back = async (action: CardAction): Promise<CardActionReply> => {
    const parsed = profileSchema.safeParse(action.value);
    if (!parsed.success) return { toast: { type: 'warning', content: '无法识别匹配条件，请重新发送 /match。' } };
    return { card: { type: 'raw', data: matchResultCard(matchMeasures(profileOf(parsed.data), deps.documents(), today())) } };
  };
  return { [SUBMIT_ACTION]: submit, [DETAIL_ACTION]: detail, [BACK_ACTION]: back };
}
