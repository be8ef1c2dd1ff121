// Design documents: one per unit, every saved revision kept (the row holds the newest).
import { randomUUID } from 'node:crypto';
import type { DesignDocumentContent } from '@trellis/core';
import type { Queryable } from '../client.js';
import { iso, jsonValue as json } from '../rows.js';

export interface DesignDocumentRecord {
  id: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  adoptedFromId: string | null;
  content: DesignDocumentContent;
  /** The concurrency version, which is also the number of the newest revision. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  unit_id: string;
  unit_name: string;
  unit_path: string;
  adopted_from_id: string | null;
  content: DesignDocumentContent | string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `select d.id, d.unit_id, u.name as unit_name, u.path as unit_path, d.adopted_from_id, d.content, d.version, d.created_at, d.updated_at
  from design_documents d join units u on u.id = d.unit_id`;
const toDesign = (r: Row): DesignDocumentRecord => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitPath: r.unit_path,
  adoptedFromId: r.adopted_from_id,
  content: json(r.content),
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function findDesignDocument(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<DesignDocumentRecord | null> {
  if (opts.lock) await q.query('select 1 from design_documents where id = $1 for update', [id]);
  const rows = await q.query<Row>(`${SELECT} where d.id = $1`, [id]);
  return rows[0] ? toDesign(rows[0]) : null;
}

export async function findUnitDesignDocument(q: Queryable, unitId: string): Promise<DesignDocumentRecord | null> {
  const rows = await q.query<Row>(`${SELECT} where d.unit_id = $1`, [unitId]);
  return rows[0] ? toDesign(rows[0]) : null;
}

export async function insertDesignDocument(
  q: Queryable,
  d: { unitId: string; adoptedFromId: string | null; content: DesignDocumentContent; savedBy: string | null },
  id: string = randomUUID(),
): Promise<DesignDocumentRecord> {
  await q.query('insert into design_documents (id, unit_id, adopted_from_id, content) values ($1, $2, $3, $4)', [id, d.unitId, d.adoptedFromId, JSON.stringify(d.content)]);
  await q.query('insert into design_document_revisions (document_id, revision, content, saved_by) values ($1, 1, $2, $3)', [id, JSON.stringify(d.content), d.savedBy]);
  return (await findDesignDocument(q, id))!;
}

/** Saves a new revision if the document is still at `version`; null when it is not (stale write). */
export async function saveDesignRevision(q: Queryable, id: string, version: number, content: DesignDocumentContent, savedBy: string | null): Promise<DesignDocumentRecord | null> {
  const rows = await q.query<{ version: number }>(
    'update design_documents set content = $3, version = version + 1, updated_at = now() where id = $1 and version = $2 returning version',
    [id, version, JSON.stringify(content)],
  );
  if (!rows[0]) return null;
  await q.query('insert into design_document_revisions (document_id, revision, content, saved_by) values ($1, $2, $3, $4)', [id, rows[0].version, JSON.stringify(content), savedBy]);
  return findDesignDocument(q, id);
}

export interface DesignRevisionRecord {
  revision: number;
  content: DesignDocumentContent;
  savedBy: string | null;
  savedByName: string | null;
  savedAt: string;
}

export async function listDesignRevisions(q: Queryable, documentId: string): Promise<DesignRevisionRecord[]> {
  const rows = await q.query<{ revision: number; content: DesignDocumentContent | string; saved_by: string | null; saved_by_name: string | null; saved_at: Date }>(
    `select r.revision, r.content, r.saved_by, p.name as saved_by_name, r.saved_at from design_document_revisions r left join people p on p.id = r.saved_by
     where r.document_id = $1 order by r.revision desc`,
    [documentId],
  );
  return rows.map((r) => ({ revision: r.revision, content: json(r.content), savedBy: r.saved_by, savedByName: r.saved_by_name, savedAt: iso(r.saved_at) }));
}

/** Design documents that adopted this one as their prototype. */
export async function listAdaptations(q: Queryable, documentId: string): Promise<{ id: string; unitId: string; unitName: string; unitPath: string }[]> {
  const rows = await q.query<{ id: string; unit_id: string; name: string; path: string }>(
    'select d.id, d.unit_id, u.name, u.path from design_documents d join units u on u.id = d.unit_id where d.adopted_from_id = $1 order by u.name',
    [documentId],
  );
  return rows.map((r) => ({ id: r.id, unitId: r.unit_id, unitName: r.name, unitPath: r.path }));
}
