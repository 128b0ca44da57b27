import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommands, type Command } from '../src/commands.ts';
import { parseCommandLine, runConsole } from '../src/cli/console.ts';
import { Engine } from '../src/engine/engine.ts';

let engine: Engine;
let commands: Map<string, Command>;
beforeAll(async () => {
  [engine, commands] = await Promise.all([Engine.load('corpus'), loadCommands()]);
});

async function session(input: string): Promise<string> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stdin.end(input);
  await runConsole(engine, commands, { input: stdin, output: stdout, interactive: false });
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

  it('refuses a boolean option that is not true or false', () => {
    expect(() => parseCommandLine('/ask hi private:maybe', commands)).toThrow(
      'private: must be true or false',
    );
  });
});

describe('runConsole', () => {
  it('answers each line in turn and ends at end of input', async () => {
    const out = await session('/ask Who is Adam Boehler?\n\n/ask What is the capital of Peru?\n');
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^Byline local console: 1 article loaded\. Commands: \/article, \/ask/);
    expect(lines[1]).toBe(
      'To connect to Discord, set DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env (see README.md).',
    );
    expect(lines[2]).toMatch(/^1\. »The secret talks being held by Trump’s hostage envoy Adam Boehler/);
    expect(out).toContain("The article doesn't say: it never mentions Peru.");
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
