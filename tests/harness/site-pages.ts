import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every page of a built site as a path relative to the base: `index.html` → ``,
 * `chapters/x/index.html` → `chapters/x/`, `404.html` → `404.html`.
 */
export async function listPages(rootDir: string): Promise<string[]> {
  const entries = await readdir(rootDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => {
      const relative = path.relative(rootDir, path.join(entry.parentPath, entry.name));
      const urlPath = relative.split(path.sep).join('/');
      return urlPath === 'index.html' || urlPath.endsWith('/index.html')
        ? urlPath.slice(0, -'index.html'.length)
        : urlPath;
    })
    .sort();
}
