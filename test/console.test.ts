import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCommands, type Command } from '../src/commands.ts';
import { parseCommandLine, runConsole, startConsole } from '../src/cli/console.ts';
import { loadConfig } from '../src/config.ts';
import { TEST_VECTORS_DIR } from './support/global-setup.ts';
import { Engine } from '../src/engine/engine.ts';
import { createLogger } from '../src/logger.ts';
import { makeTempDir, removeTempDirs } from './support/temp-dirs.ts';

let engine: Engine;
let commands: Map<string, Command>;
beforeAll(async () => {
  [engine, commands] = await Promise.all([Engine.load('corpus'), loadCommands()]);
});
afterAll(removeTempDirs);

async function session(input: string): Promise<string> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stdin.end(input);
  await runConsole(() => engine, commands, { input: stdin, output: stdout, interactive: false });
  return out;
}

describe('parseCommandLine', () => {
  it('puts free text in the main option and reads key:value options', () => {
    const { command, options } = parseCommandLine('/ask who is the envoy? private:true', commands);
    expect(command.data.name).toBe('ask');
    expect(options.getString('question')).toBe('who is the envoy?');
    expect(options.getBoolean('private')).toBe(true);
  });

  it('takes a line without a slash as a question for /ask', () => {
    expect(parseCommandLine('who is the envoy?', commands).options.getString('question')).toBe(
      'who is the envoy?',
    );
  });

  it('answers an unknown command with the list of commands', () => {
    expect(() => parseCommandLine('/weather today', commands)).toThrow(
      /^Unknown command \/weather\. Commands: \/article, \/ask/,
    );
  });

  it('refuses an option the command does not have, rather than asking about it', () => {
    expect(() => parseCommandLine('/ask bogus:xyz hello', commands)).toThrow(
      "Unknown option 'bogus:' for /ask. Its options: question:, article:, private:.",
    );
    expect(() => parseCommandLine('/quote speaker:Leavitt question:talks', commands)).toThrow(
      "Unknown option 'question:' for /quote. Its options: speaker:, about:, text:, article:, private:.",
    );
  });

  it('keeps a colon that is not an option in the question: a time, a URL, a label before a space', () => {
    const question = 'Note: what happened at 10:30 on https://example.com?';
    expect(parseCommandLine(`/ask ${question}`, commands).options.getString('question')).toBe(question);
  });

  it('refuses a boolean option that is not true or false', () => {
    expect(() => parseCommandLine('/ask hi private:maybe', commands)).toThrow(
      'private: must be true or false',
    );
  });
});

describe('runConsole', () => {
  it('answers each line in turn under its echoed question, a blank line apart, and ends at end of input', async () => {
    const out = await session(
      '/ask Who is Adam Boehler?\n\nWhat is the capital of Peru?\n/ask bogus:xyz hi\n',
    );
    const answers = out.split('\n\n');
    expect(answers[0]).toBe(
      'Byline local console: 1 article loaded. Commands: /article, /ask, /quote, /summary, /help.\n' +
        'To connect to Discord, set DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env (see README.md).',
    );
    expect(answers[1]).toMatch(
      /^> \/ask Who is Adam Boehler\?\n1\. »The secret talks being held by Trump’s hostage envoy Adam Boehler/,
    );
    expect(answers.slice(-2)).toEqual([
      "> What is the capital of Peru?\nThe article doesn't say: it never mentions Peru.",
      "> /ask bogus:xyz hi\nUnknown option 'bogus:' for /ask. Its options: question:, article:, private:.\n",
    ]);
  });

  it('answers bad input and keeps going', async () => {
    const out = await session(
      `/ask\n/ask ${'x'.repeat(10_000)}\n/nope\n/ask In which city have the talks been taking place?\n`,
    );
    expect(out).toContain('Ask a question: for example "Who is leading the talks?"');
    expect(out).toContain('Questions are limited to 300 characters; this one has 10,000.');
    expect(out).toContain('Unknown command /nope.');
    expect(out).toMatch(/The talks have been taking place in Doha/);
  });

  it('stops at /quit', async () => {
    const out = await session('/quit\n/ask Who is Adam Boehler?\n');
    expect(out).not.toContain('Boehler');
  });
});

describe('startConsole', () => {
  const article = (title: string, body: string) => `---\ntitle: ${title}\n---\n${body}\n`;

  it('answers from an article added while it runs, as the bot does', async () => {
    const corpus = makeTempDir('console-corpus');
    writeFileSync(
      join(corpus, 'ferry.txt'),
      article('Ferry crews strike', 'Ferry crews walked out on Monday.'),
    );
    let onReload = () => {};
    const reloaded = new Promise<void>((resolve) => (onReload = resolve));
    const logger = createLogger({
      destination: new Writable({
        write(chunk, _encoding, done) {
          if ((JSON.parse(String(chunk)) as { msg: string }).msg === 'corpus reloaded') onReload();
          done();
        },
      }),
    });
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const config = loadConfig({ CORPUS_DIR: corpus, CACHE_DIR: 'off', VECTORS_DIR: TEST_VECTORS_DIR }, null);
    const running = startConsole(config, { input: stdin, output: stdout, interactive: false }, { logger });

    stdin.write('When did tram drivers vote?\n');
    await vi.waitFor(() => expect(out).toContain("doesn't say"));
    writeFileSync(join(corpus, 'tram.txt'), article('Tram drivers vote', 'Tram drivers voted on Sunday.'));
    await reloaded;
    stdin.end('When did tram drivers vote?\n');
    await running;
    expect(out.split('\n\n').slice(1)).toEqual([
      "> When did tram drivers vote?\nThe article doesn't say: it never mentions tram drivers vote.",
      '> When did tram drivers vote?\n1. »Tram drivers voted on Sunday.«\n   — Tram drivers vote · unknown publisher · date unknown · ¶1\n',
    ]);
  });
});
