import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { articleChoices, chosenArticle, type Command } from '../src/commands.ts';
import { UserError } from '../src/engine/errors.ts';
import {
  isSummaryLength,
  MAX_FOCUS_LENGTH,
  SUMMARY_LENGTHS,
  type SummaryLength,
} from '../src/engine/summary/options.ts';
import { searchRelevance } from '../src/engine/summary/relevance.ts';
import { summarize } from '../src/engine/summary/summarize.ts';

/** `/summary [focus] [length] [article] [private]`: the article in its own sentences, cited. */
export default {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'summary',
    description: 'The gist of an article in its own sentences, each cited; newest article by default.',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'focus',
        description: 'Only what the article says about this topic',
        max_length: MAX_FOCUS_LENGTH,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'length',
        description: 'short (3 sentences), medium (5, the default) or long (8)',
        choices: (Object.keys(SUMMARY_LENGTHS) as SummaryLength[]).map((l) => ({
          name: `${l} (${SUMMARY_LENGTHS[l]} sentences)`,
          value: l,
        })),
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'article',
        description: 'Which article (the newest if not given)',
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'private',
        description: 'Show the summary only to you',
      },
    ],
  },
  execute({ engine, options }) {
    const length = options.getString('length')?.trim().toLowerCase() || 'medium';
    if (!isSummaryLength(length)) {
      throw new UserError('bad-length', `Length must be short, medium or long, not "${length}".`);
    }
    const article = chosenArticle(engine, options) ?? engine.articlesByDate()[0];
    if (!article) throw new UserError('no-article', 'There is no article to summarise.');
    const focus = options.getString('focus')?.trim() || null;
    if (focus && focus.length > MAX_FOCUS_LENGTH) {
      throw new UserError('focus-too-long', `A focus is limited to ${MAX_FOCUS_LENGTH} characters.`);
    }
    const summary = summarize(article, {
      length,
      focus,
      relevance: searchRelevance(engine.index),
    });
    return {
      type: 'summary',
      summary,
      length,
      ephemeral: options.getBoolean('private') ?? false,
    };
  },
  autocomplete({ engine, focused }) {
    return articleChoices(engine, focused.value);
  },
} satisfies Command;
