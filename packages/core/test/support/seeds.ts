// The two source documents, read from shared/seeds/ next to the repository, and how a catalog's
// citation is checked against them: a quoted passage must occur, word for word (" … " separating
// its fragments), after the heading its section names. Shared by every catalog's test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ELLIPSIS, SECTION_SEPARATOR, SOURCE_IDS, SOURCES, type SourceId, type SourceRef } from '../../src/index.js';

export const seedFile = (id: SourceId) => fileURLToPath(new URL(`../../../../../shared/seeds/${SOURCES[id].fileName}`, import.meta.url));

/**
 * What a citation is compared against: the document without Markdown emphasis and escapes, list
 * markers (-, •, and the documents' ">" / ">>" sub-bullets), with typographic quotes and dashes
 * made plain and all whitespace collapsed.
 */
export const normalize = (text: string) =>
  text
    .replace(/\\([*_\\])/g, '$1')
    .replace(/[*]+/g, '')
    .replace(/^[ \t]*[-•][ \t]*/gm, '')
    .replace(/[>•]/g, ' ')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

/** Each document, normalized. */
export const documents = Object.fromEntries(SOURCE_IDS.map((id) => [id, normalize(readFileSync(seedFile(id), 'utf8'))])) as Record<SourceId, string>;

/** Index just past `fragments` found in order from `from`, or -1. */
export function findInOrder(haystack: string, fragments: string[], from = 0): number {
  let at = from;
  for (const fragment of fragments) {
    const i = haystack.indexOf(fragment, at);
    if (i < 0) return -1;
    at = i + fragment.length;
  }
  return at;
}

/** A cited passage: its " … "-separated fragments, each normalized and non-empty. */
export const fragmentsOf = (passage: string) =>
  passage
    .split(ELLIPSIS)
    .map((p) => normalize(p))
    .filter((p) => p.length > 0);

/** "step 7", "item (c)": a place within a section, not a heading. */
export const isLocator = (segment: string) => /^(step|item) /.test(segment);

/**
 * Where the section's innermost heading starts, its outer headings (all segments but locators)
 * found in order before it; -1 when the document has no such heading path.
 */
export function sectionStart(ref: SourceRef): number {
  const headings = ref.section
    .split(SECTION_SEPARATOR)
    .filter((s) => !isLocator(s))
    .map(normalize);
  const doc = documents[ref.source];
  const innermost = headings.pop() ?? '';
  const outer = findInOrder(doc, headings);
  return outer < 0 ? -1 : doc.indexOf(innermost, outer);
}

/** Where the passage ends when it occurs in the cited document after the cited heading, or -1. */
export const endInSection = (ref: SourceRef, passage: string) => {
  const start = sectionStart(ref);
  return start < 0 ? -1 : findInOrder(documents[ref.source], fragmentsOf(passage), start);
};

/** True when the passage occurs in the cited document after the cited section's heading. */
export const occursInSection = (ref: SourceRef, passage: string) => endInSection(ref, passage) >= 0;
