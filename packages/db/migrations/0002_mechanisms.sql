-- Systemic-change mechanisms (issue 3): a mechanism established at a unit from a catalog kind, its
-- copy of the catalog's functions (customized per unit), and its members.

create table mechanisms (
  id                 uuid primary key,
  unit_id            uuid not null references units (id),
  kind               text not null check (kind in ('superintendent_governing_body', 'transformation_leader', 'steering_body', 'design_team',
                       'planning_team', 'implementation_team', 'work_group', 'learning_supports_leadership_team', 'change_team',
                       'organization_facilitator', 'coaches_mentors', 'external_change_agents', 'external_collaborators')),
  -- The catalog version the functions were copied from; departures are computed against it.
  catalog_version    text not null,
  name               text not null check (length(name) between 1 and 200),
  charter            text,
  status             text not null default 'forming' check (status in ('forming', 'active', 'sunsetting', 'retired')),
  -- The regular structure that took on the ongoing functions when it was retired.
  assimilated_into   text,
  started_on         date,
  status_changed_on  date,
  version            integer not null default 1,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now()
);
create index mechanisms_unit_idx on mechanisms (unit_id, name);

create table mechanism_functions (
  id              uuid primary key,
  mechanism_id    uuid not null references mechanisms (id) on delete cascade,
  -- The catalog function this copies; null for one the unit added.
  catalog_key     text,
  text            text not null check (length(text) between 1 and 2000),
  dropped_reason  text,
  position        integer not null,
  version         integer not null default 1,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now()
);
create unique index mechanism_functions_catalog_key on mechanism_functions (mechanism_id, catalog_key) where catalog_key is not null;
create index mechanism_functions_mechanism_idx on mechanism_functions (mechanism_id, position);

create table mechanism_members (
  id            uuid primary key,
  mechanism_id  uuid not null references mechanisms (id) on delete cascade,
  person_id     uuid not null references people (id),
  role          text not null check (role in ('lead', 'member', 'champion', 'facilitator', 'external')),
  start_on      date,
  end_on        date,
  designated    boolean not null default false,
  trained       boolean not null default false,
  version       integer not null default 1,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  check (start_on is null or end_on is null or end_on >= start_on)
);
-- One open-ended membership per person and mechanism (overlapping dated ones are refused by the service).
create unique index mechanism_members_open_key on mechanism_members (mechanism_id, person_id) where end_on is null;
create index mechanism_members_person_idx on mechanism_members (person_id);
create index mechanism_members_mechanism_idx on mechanism_members (mechanism_id);
