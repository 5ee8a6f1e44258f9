/**
 * Where a worker thread finds JavaScript for a module. Worker threads cannot load TypeScript, so when the
 * code runs from its `.ts` sources (under vitest, say) a module's URL is mapped to its compiled twin under
 * `dist/` (`npm run build`), which must exist and be newer than the source.
 *
 * @example
 * ```ts
 * compiledUrl('file:///work/main/model/protocols/peterson/peterson.ts');
 * // 'file:///work/main/dist/model/protocols/peterson/peterson.js'
 * ```
 *
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The URL of JavaScript a worker can import for module `url`: `url` itself if it is JavaScript, else its
 * compiled twin under `jsRoot` (default: `dist/` of the package that holds it). Throws an `Error` telling
 * the user to build if the twin is missing or older than the source.
 */
export function compiledUrl(url: string, jsRoot?: string): string {
  if (!url.endsWith('.ts')) return url;
  const file = fileURLToPath(url);
  let root = dirname(file);
  while (!existsSync(join(root, 'package.json'))) {
    const up = dirname(root);
    if (up === root) throw new Error(`no package.json above ${file}: cannot locate its compiled JavaScript`);
    root = up;
  }
  const rel = relative(root, file);
  const out = join(jsRoot ?? join(root, 'dist'), rel.replace(/\.ts$/, '.js'));
  if (!existsSync(out)) throw new Error(`no compiled JavaScript for ${rel} (looked for ${out}): run \`npm run build\` first`);
  if (statSync(out).mtimeMs + 1 < statSync(file).mtimeMs) throw new Error(`${out} is older than ${rel}: run \`npm run build\` first`);
  return pathToFileURL(out).href;
}
