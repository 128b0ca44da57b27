import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../src/engine/corpus/files.ts';
import { Engine } from '../src/engine/engine.ts';
import { buildVocabulary, buildVocabularyInSlices, suggestQuestions } from '../src/engine/search/suggest.ts';

const vocabulary = buildVocabulary([
  parseArticleFile(
    'port.md',
    new TextEncoder().encode(
      [
        '---',
        'title: Port strike ends',
        '---',
        'Dockers ended the strike at the port of Brest on Friday.',
        '',
        '## Talks',
        '',
        'The dockers union said the talks with Brest port managers were long. Dockers voted on Friday.',
      ].join('\n'),
    ),
  ),
]);

describe('suggestQuestions', () => {
  it('offers the text as typed, then its last word completed by corpus words, most frequent first', () => {
    expect(suggestQuestions(vocabulary, 'why did the do')).toEqual(['why did the do', 'why did the Dockers']);
    expect(suggestQuestions(vocabulary, 'when did the str')).toEqual([
      'when did the str',
      'when did the strike',
    ]);
  });

  it('keeps the case the corpus writes a name in', () => {
    expect(suggestQuestions(vocabulary, 'what happened in br')).toEqual([
      'what happened in br',
      'what happened in Brest',
    ]);
  });

  it('offers the headings before anything is typed', () => {
    expect(suggestQuestions(vocabulary, '  ')).toEqual(['Port strike ends', 'Talks']);
  });

  it('offers nothing for text longer than a choice can hold, so Discord keeps it', () => {
    expect(suggestQuestions(vocabulary, 'x'.repeat(101))).toEqual([]);
  });

  it('stops at the limit', () => {
    expect(suggestQuestions(vocabulary, 'p', { limit: 2 })).toEqual(['p', 'port']);
  });
});

describe('Engine.prepare', () => {
  const articles = [
    parseArticleFile(
      'port.txt',
      new TextEncoder().encode('---\ntitle: Port strike ends\n---\nDockworkers returned on Monday.\n'),
    ),
  ];

  it('counts the words in slices to the same vocabulary, offering only what was typed meanwhile', async () => {
    expect(await buildVocabularyInSlices(articles)).toEqual(buildVocabulary(articles));
    const engine = new Engine(articles);
    const preparing = engine.prepare();
    expect(engine.suggest('Who are the dock')).toEqual(['Who are the dock']);
    await preparing;
    expect(engine.suggest('Who are the dock')).toEqual(['Who are the dock', 'Who are the Dockworkers']);
  });
});
