// The web app's initial JavaScript: the module script(s) and modulepreload links of
// apps/web/dist/index.html (or TRELLIS_WEB_DIST), gzipped with zlib and summed.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** apps/web/dist, or TRELLIS_WEB_DIST as for the server. */
export const WEB_DIST = process.env.TRELLIS_WEB_DIST ? resolve(process.env.TRELLIS_WEB_DIST) : fileURLToPath(new URL('../../apps/web/dist/', import.meta.url));

export interface WebSize {
  files: { path: string; bytes: number; gzipBytes: number }[];
  bytes: number;
  gzipBytes: number;
}

/** Local script URLs an HTML page loads at once: <script src> and <link rel="modulepreload" href>. */
export function initialScripts(html: string): string[] {
  const urls = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
    const url = tag.toLowerCase().startsWith('<script') ? attr('src') : attr('rel')?.toLowerCase() === 'modulepreload' ? attr('href') : undefined;
    if (url && !/^([a-z]+:)?\/\//i.test(url)) urls.add(url.split(/[?#]/)[0]!);
  }
  return [...urls];
}

/** null when the web app is not built (apps/web/dist/index.html is missing). */
export function measureWebSize(dist: string = WEB_DIST): WebSize | null {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return null;
  const files = initialScripts(readFileSync(index, 'utf8')).map((url) => {
    const path = join(dist, url.replace(/^\.?\//, ''));
    if (!existsSync(path)) throw new Error(`index.html loads ${url}, but ${path} does not exist.`);
    const content = readFileSync(path);
    return { path: url, bytes: content.length, gzipBytes: gzipSync(content).length };
  });
  return { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0) };
}
