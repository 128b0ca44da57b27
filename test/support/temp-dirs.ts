/**
 * Folders in the system temp folder for one test file. A file that makes them removes them all, with
 * everything in them, in its own `afterEach(removeTempDirs)` or `afterAll(removeTempDirs)`, so a test
 * run leaves nothing behind (vitest gives each test file its own copy of this module).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_VECTORS_DIR } from './global-setup.ts';

const made = new Set<string>();

/** A new empty folder named `byline-<name>-XXXXXX`. */
export function makeTempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `byline-${name}-`));
  made.add(dir);
  return dir;
}

/** Removes every folder {@link makeTempDir} made in this file. */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}

/**
 * The environment for a child process (the CLI, the bot, the deploy script) whose files go to a folder
 * of this file's, and so are removed with it: its index cache (`CACHE_DIR`, shared by the file's child
 * processes) and its temporary files (tsx's compile cache); the word vectors the run converted once
 * (see global-setup.ts). `extra` wins.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const tmp = childTmp();
  return {
    ...process.env,
    TMPDIR: tmp,
    CACHE_DIR: join(tmp, 'index-cache'),
    VECTORS_DIR: TEST_VECTORS_DIR,
    ...extra,
  };
}

let childTmpDir: string | null = null;

function childTmp(): string {
  if (childTmpDir === null || !made.has(childTmpDir)) childTmpDir = makeTempDir('child-tmp');
  return childTmpDir;
}
