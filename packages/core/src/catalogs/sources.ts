// The two documents Trellis is built from, as citable sources. Every catalog entry that carries
// content from them (mechanism functions, task lists, steps) points back with a `SourceRef`, so a
// person can check the product's wording against the document and see where a default came from.
//
// The files themselves live outside the repository, in shared/seeds/ (see docs/PRODUCT.md).

export const SOURCE_IDS = ['planning-coaching-guide', 'change-agent-mechanisms'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export interface SourceDocument {
  id: SourceId;
  /** Full title, as the document gives it. */
  title: string;
  /** A short name for lists and footnotes. */
  shortTitle: string;
  /** The people the document names as its authors (the Center's co-directors). */
  authors: readonly string[];
  publisher: string;
  /** Year of publication; `null` when the document carries no date. */
  year: number | null;
  /** The month the document names, when it names one. */
  month?: string;
  /** How the document asks to be cited, when it says. */
  citeAs?: string;
  /** File name under shared/seeds/. */
  fileName: string;
  /** Anything a reader of a citation should know about this copy of the document. */
  note?: string;
}

const CENTER = 'Center for Mental Health in Schools at UCLA';
const CO_DIRECTORS = ['Howard Adelman', 'Linda Taylor'] as const;

export const SOURCES: Readonly<Record<SourceId, SourceDocument>> = {
  'planning-coaching-guide': {
    id: 'planning-coaching-guide',
    title: 'Guide for Planning Coaching for SEAs/LEAs to Establish a Unified and Comprehensive System of Learning Supports',
    shortTitle: 'Guide for Planning Coaching',
    authors: CO_DIRECTORS,
    publisher: CENTER,
    year: 2013,
    month: 'October',
    citeAs: 'the Center for Mental Health in Schools at UCLA',
    fileName: 'planning-coaching-guide.md',
    note:
      'A Markdown copy. The illustration at the start of Appendix A (the diagram of the mechanisms) is not in the copy; ' +
      'its footnote and the "Functions of the Systemic Change Mechanisms" pages are.',
  },
  'change-agent-mechanisms': {
    id: 'change-agent-mechanisms',
    title: 'Change Agent Mechanisms for School Improvement: Infrastructure not Individuals',
    shortTitle: 'Change Agent Mechanisms',
    authors: CO_DIRECTORS,
    publisher: CENTER,
    // The copy carries no date. It cites Rogers (2003), so it is from 2003 or later.
    year: null,
    fileName: 'change-agent-mechanisms.txt',
    note:
      'A plain-text extraction of a PDF whose section headings sit in the left margin; the extraction sometimes ' +
      'prints two margin headings together ("Organization Facilitators", "Change Team"). Citations name the heading ' +
      'the cited paragraph belongs to. The pages after Exhibit 2 ("With the above as context, we turn to a more ' +
      'detailed look at an Organizational Facilitator") have no heading of their own and are cited as ' +
      '"Organization Facilitators", the section they continue.',
  },
};

/**
 * Where a document says something.
 *
 * `section` is the heading path, as the document names it, from the outermost heading in, joined
 * with " — ": `Appendix A — Steering Body — Functions`, `Exhibit 4 — Second Phase — step 7`,
 * `Appendix C — (2) Plan for changes within the DEPARTMENT and with REGIONAL UNITS — item (f)`.
 * A last segment `step N` or `item …` locates a numbered entry the document numbers itself.
 *
 * `quote`, when present, is the document's own sentence that the cited text is taken from, so a
 * short entry ("coordinating") keeps its context. Quotes are verbatim except for whitespace, and
 * " … " marks words left out.
 */
export interface SourceRef {
  source: SourceId;
  section: string;
  quote?: string;
}

export const SECTION_SEPARATOR = ' — ';
/** Quotes and cited texts join non-adjacent passages of a document with this. */
export const ELLIPSIS = ' … ';

export const isSourceId = (value: unknown): value is SourceId => typeof value === 'string' && (SOURCE_IDS as readonly string[]).includes(value);

/** A one-line citation for footnotes and tooltips: "Guide for Planning Coaching (2013), Appendix A — Steering Body — Functions". */
export function formatCitation(ref: SourceRef): string {
  const doc = SOURCES[ref.source];
  return `${doc.shortTitle} (${doc.year ?? 'n.d.'}), ${ref.section}`;
}
