#!/usr/bin/env node
// Prints the JavaScript a browser must load before the first page shows: the entry script and the
// chunks index.html preloads, raw and gzipped. The budget is 250 KB gzipped; exits 1 above it.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = new URL('../dist/', import.meta.url);
const html = readFileSync(new URL('index.html', dist), 'utf8');
const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/([^"]+\.js)"/g)].map((m) => m[1]);
let raw = 0;
let gzip = 0;
for (const file of files) {
  const bytes = readFileSync(new URL(file, dist));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += zipped;
  console.log(`${file.padEnd(40)} ${(bytes.length / 1024).toFixed(1).padStart(8)} KB  gzip ${(zipped / 1024).toFixed(1).padStart(7)} KB`);
}
console.log(`${'initial JS'.padEnd(40)} ${(raw / 1024).toFixed(1).padStart(8)} KB  gzip ${(gzip / 1024).toFixed(1).padStart(7)} KB  (budget ${BUDGET_KB} KB gzip)`);
if (gzip / 1024 > BUDGET_KB) process.exit(1);
