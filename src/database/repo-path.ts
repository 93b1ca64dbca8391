import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Absolute path of a file in the repository, the same whether running from src/ or dist/. */
export function repoPath(relative: string): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${__dirname}`);
    dir = parent;
  }
  return join(dir, relative);
}
