import { ApplicationCommandType } from 'discord.js';
import type { Command } from '../src/commands.ts';
import { MAX_QUESTION_LENGTH } from '../src/engine/engine.ts';
import { UserError } from '../src/engine/errors.ts';

/** "Ask Byline", in a message's Apps menu: asks the articles the message's text, as /ask would. */
export default {
  data: {
    type: ApplicationCommandType.Message,
    name: 'Ask Byline',
  },
  execute({ engine, targetMessage }) {
    if (targetMessage === undefined) {
      throw new UserError(
        'no-message',
        'Use "Ask Byline" from a message: right-click it (or long-press), then Apps.',
      );
    }
    const text = targetMessage.replace(/\s+/g, ' ').trim();
    if (!text) throw new UserError('empty-message', 'That message has no text to ask about.');
    // A long message is still a fair question: its opening words are asked, cut after a whole word.
    const question =
      text.length <= MAX_QUESTION_LENGTH
        ? text
        : text.slice(0, MAX_QUESTION_LENGTH + 1).replace(/\s+\S*$/, '');
    return { type: 'answer', answer: engine.ask(question), offset: 0, ephemeral: false };
  },
} satisfies Command;
