-- OneRoster (orgs.csv, users.csv, roles.csv) and Ed-Fi education organization imports: the ids a
-- unit or a person has in those systems, and the people an import run would create or link.
-- See docs/decisions/0018-oneroster-and-edfi-imports.md.

-- A unit's OneRoster sourcedId and Ed-Fi educationOrganizationId (schoolId, localEducationAgencyId…,
-- all drawn from one Ed-Fi id space), each unique across the database like units.nces_id.
alter table units
  add column oneroster_id text check (length(oneroster_id) between 1 and 255),
  add column edfi_id      text check (edfi_id ~ '^[0-9]{1,20}$');
create unique index units_oneroster_id_key on units (oneroster_id) where oneroster_id is not null;
create unique index units_edfi_id_key on units (edfi_id) where edfi_id is not null;

-- A person's OneRoster user sourcedId.
alter table people add column oneroster_id text check (length(oneroster_id) between 1 and 255);
create unique index people_oneroster_id_key on people (oneroster_id) where oneroster_id is not null;

alter table import_runs drop constraint import_runs_kind_check;
alter table import_runs add constraint import_runs_kind_check check (kind in ('ccd', 'feeders', 'oneroster', 'edfi'));
-- OneRoster runs with users: the role → grant mapping under review ({"teacher": "member", "student": "skip", …})
-- and how many users hold each role.
alter table import_runs add column role_mapping jsonb;

alter table import_run_items
  add column oneroster_id text,
  add column edfi_id      text;

-- The people of a OneRoster users import: one row per staff user, with the roles (role, unit) the
-- mapping turns into grants when the run is applied. Students, guardians and parents are never here.
create table import_run_people (
  run_id            uuid not null references import_runs (id) on delete cascade,
  seq               integer not null,
  action            text not null check (action in ('create', 'update', 'unchanged')),
  person_id         uuid not null,
  expected_version  integer,
  name              text not null,
  email             text not null,
  oneroster_id      text not null,
  home_unit_id      uuid,
  -- [{"role": "teacher", "unitId": "…", "existingRole": "member" | null}]
  roles             jsonb not null,
  changes           text[] not null default '{}',
  line              integer,
  primary key (run_id, seq)
);
