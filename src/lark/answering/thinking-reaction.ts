import type { Logger } from '../../log/index.js';
import { LarkError } from '../errors.js';
import type { OpenPlatform } from '../outbound/open-platform.js';

/** The emoji_type of the 「思考中」 reaction. */
const THINKING_EMOJI = 'THINKING';

/** A 「思考中」 reaction on a question while it is answered (optional, LARK_THINKING_REACTION). */
export interface ThinkingReaction {
  /** Adds the reaction; resolves with a function that takes it off again. Never throws. */
  add(messageId: string): Promise<() => Promise<void>>;
}

/**
 * Reactions through the platform; failures are logged and never hold up the answer. A refused scope
 * (im:message.reactions:write_only not granted) turns the reaction off for good, like CardKit's fallback.
 */
export function createThinkingReaction(platform: Pick<OpenPlatform, 'addReaction' | 'removeReaction'>, logger: Logger): ThinkingReaction {
  let usable = true;
  const nothing = async (): Promise<void> => undefined;
  return {
    async add(messageId) {
      if (!usable) return nothing;
      let reactionId: string;
      try {
        reactionId = await platform.addReaction(messageId, THINKING_EMOJI);
      } catch (error) {
        if (error instanceof LarkError && error.code === 'rejected' && error.details.platformCode === 99991672) {
          usable = false;
          logger.warn('lark.reactions_unavailable', {
            error,
            hint: 'grant im:message.reactions:write_only or set LARK_THINKING_REACTION=false',
          });
        } else logger.warn('lark.reaction_failed', { messageId, error });
        return nothing;
      }
      return async () => {
        try {
          await platform.removeReaction(messageId, reactionId);
        } catch (error) {
          logger.warn('lark.reaction_failed', { messageId, error });
        }
      };
    },
  };
}
