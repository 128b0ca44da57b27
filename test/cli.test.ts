import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, makeTempDir, removeTempDirs } from './support/temp-dirs.ts';

afterAll(removeTempDirs);

/** Runs a script as `npm run --silent` would: tsx on the entry point, from the project root. */
function run(entry: string, args: string[], input = '', env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], {
    input,
    encoding: 'utf8',
    env: childEnv({ CORPUS_DIR: 'corpus', ...env }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const cli = (args: string[], input?: string, env?: Record<string, string>) =>
  run('src/cli/cli.ts', args, input, env);

describe('npm run ask', () => {
  it('prints the JSON contract: passages best first with answer, score and citation', () => {
    const { code, stdout } = cli(['ask', '--json', 'In which city have the talks been taking place?']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['question', 'results']);
    expect(out.results.length).toBeGreaterThan(0);
    expect(out.results.length).toBeLessThanOrEqual(5);
    expect(out.results[0]).toEqual({
      text: 'The talks have been taking place in Doha in recent weeks, Axios said, citing two sources with direct knowledge of the negotiations, and adding that no deal has been reached.',
      answer:
        'The talks have been taking place in Doha in recent weeks, Axios said, citing two sources with direct knowledge of the negotiations, and adding that no deal has been reached.',
      score: out.results[0].score,
      citation: {
        article: 'In 1st, US holding secret direct talks with Hamas to free American hostages, end war',
        publisher: 'The Times of Israel',
        published: '2025-03-05',
        paragraph: 5,
        section: null,
        kind: 'paragraph',
      },
    });
  });

  it('answers a batch one JSON line a question, in order, with [] where the corpus does not answer', () => {
    const { code, stdout } = cli(
      ['ask', '--json', '--batch'],
      'Who is Adam Boehler?\nWhat is the capital of Peru?\n\n',
    );
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.question, l.results.length > 0])).toEqual([
      ['Who is Adam Boehler?', true],
      ['What is the capital of Peru?', false],
      ['', false],
    ]);
    expect(lines[2].error).toBe('Ask a question: for example "Who is leading the talks?"');
  });

  it('refuses an empty or a 10,000-character question with a message and exit code 2, no stack trace', () => {
    expect(cli(['ask', ''])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Ask a question: for example "Who is leading the talks?"\n',
    });
    expect(cli(['ask', 'x'.repeat(10_000)])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'Questions are limited to 300 characters; this one has 10,000.\n',
    });
  });

  it('stops with the file name and the problem when the corpus is empty, missing or has a broken file', () => {
    const empty = makeTempDir('cli');
    expect(cli(['ask', 'hi'], '', { CORPUS_DIR: empty })).toEqual({
      code: 1,
      stdout: '',
      stderr: `Byline cannot start: ${empty}: the corpus folder has no articles (.txt or .md files)\n`,
    });
    expect(cli(['ask', 'hi'], '', { CORPUS_DIR: join(empty, 'missing') }).stderr).toBe(
      `Byline cannot start: ${join(empty, 'missing')}: the corpus folder does not exist\n`,
    );
    writeFileSync(join(empty, 'broken.md'), '---\ntitle: [oops\n---\nBody.\n');
    const broken = cli(['ask', 'hi'], '', { CORPUS_DIR: empty });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^Byline cannot start: broken\.md: the front matter is not valid YAML: /);
  });

  it('rejects an unknown command or option with usage and exit code 2', () => {
    expect(cli(['weather']).code).toBe(2);
    const bad = cli(['ask', '--colour', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ask: Unknown option '--colour'/);
  });
});

describe('npm start without a Discord token', () => {
  it('runs the console on piped input, prints the answer and exits 0', () => {
    const { code, stdout } = run('src/main.ts', [], '/ask Who is Adam Boehler?\n', { DISCORD_TOKEN: '' });
    expect(code).toBe(0);
    expect(stdout).toContain('Byline local console: 1 article loaded.');
    expect(stdout).toContain('hostage envoy Adam Boehler');
  });
});
