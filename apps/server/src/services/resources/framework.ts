// The intervention framework a unit maps its resources on: the shipped framework, as adapted by the
// design document of the unit or of the nearest unit above it that adapts it (renamed, added or
// dropped arenas and levels). Every resource and snapshot records the id and version it used.
import { adaptInterventionFramework, INTERVENTION_FRAMEWORK, interventionFrameworkRef, type DesignDocumentContent, type InterventionFramework } from '@trellis/core';
import { jsonValue, type Queryable } from '@trellis/db';

/** The framework a design document's changes make, named for the document and its version. */
export function adaptedFramework(doc: { id: string; version: number; updatedAt?: string; unitName?: string }, content: Pick<DesignDocumentContent, 'frameworkChanges'>): InterventionFramework {
  if (!content.frameworkChanges?.length) return INTERVENTION_FRAMEWORK;
  return adaptInterventionFramework(INTERVENTION_FRAMEWORK, {
    id: `design-document:${doc.id}`,
    version: `v${doc.version}`,
    publishedOn: (doc.updatedAt ?? new Date().toISOString()).slice(0, 10),
    name: `${INTERVENTION_FRAMEWORK.name}${doc.unitName ? `, as adapted by ${doc.unitName}` : ' (adapted)'}`,
    basedOn: interventionFrameworkRef(INTERVENTION_FRAMEWORK),
    changes: content.frameworkChanges,
  });
}

/** The framework in force at the unit with this path. */
export async function frameworkFor(q: Queryable, unitPath: string): Promise<InterventionFramework> {
  const ids = unitPath.split('/').filter(Boolean);
  const rows = await q.query<{ id: string; version: number; updated_at: Date; content: DesignDocumentContent | string; name: string; depth: number }>(
    `select d.id, d.version, d.updated_at, d.content, u.name, u.depth from design_documents d join units u on u.id = d.unit_id
     where d.unit_id = any($1::uuid[]) and jsonb_array_length(coalesce(d.content -> 'frameworkChanges', '[]'::jsonb)) > 0
     order by u.depth desc limit 1`,
    [ids],
  );
  const row = rows[0];
  if (!row) return INTERVENTION_FRAMEWORK;
  const content = jsonValue(row.content);
  return adaptedFramework({ id: row.id, version: row.version, updatedAt: new Date(row.updated_at).toISOString(), unitName: row.name }, content);
}
