// People a leader may choose as a coach from outside their unit (docs/decisions/0020): people with
// no home unit, no grant anywhere and no system administration — external coaches, whose only access
// comes from their engagements. Nobody homed in, or holding a role at, another unit is found here.
import type { Queryable } from '../client.js';
import { escapeLike } from '../rows.js';

export interface UnattachedPersonRecord {
  id: string;
  name: string;
  email: string;
  title: string | null;
}

/** Unattached people whose name or email contains `text` (case-insensitive), by name. */
export async function findUnattachedPeople(q: Queryable, text: string, limit: number): Promise<UnattachedPersonRecord[]> {
  return q.query<UnattachedPersonRecord>(
    `select p.id, p.name, p.email, p.title from people p
     where p.home_unit_id is null and not p.is_system_admin
       and not exists (select 1 from grants g where g.person_id = p.id)
       and (lower(p.name) like $1 or p.email like $1)
     order by lower(p.name), p.id limit $2`,
    [`%${escapeLike(text.toLowerCase())}%`, limit],
  );
}

/** Whether the person is unattached (no home unit, no grant, not a system administrator): an external coach. */
export async function isUnattachedPerson(q: Queryable, id: string): Promise<boolean> {
  const rows = await q.query<{ id: string }>(
    `select p.id from people p where p.id = $1 and p.home_unit_id is null and not p.is_system_admin
       and not exists (select 1 from grants g where g.person_id = p.id)`,
    [id],
  );
  return rows.length > 0;
}
