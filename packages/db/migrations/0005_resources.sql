-- Resource mapping (issue 5): each unit's inventory of student and learning supports placed on the
-- intervention framework, frozen snapshots of a map, priority needs and recommendations.

create table resources (
  id                        uuid primary key,
  unit_id                   uuid not null references units (id),
  -- Normalized name + provider (core resourceNaturalKey): importing a file again updates, never duplicates.
  natural_key               text not null,
  framework_id              text not null,
  framework_version         text not null,
  name                      text not null check (length(name) between 1 and 200),
  description               text,
  kind                      text not null check (kind in ('program', 'service', 'initiative', 'staff_role')),
  provider_type             text not null check (provider_type in ('school', 'district', 'community_agency')),
  partner_name              text,
  cells                     text[] not null check (cardinality(cells) >= 1),
  population_served         integer check (population_served >= 0),
  capacity                  integer check (capacity >= 0),
  staff_fte                 numeric(12, 2) check (staff_fte >= 0),
  annual_cost               numeric(14, 2) check (annual_cost >= 0),
  funding_source            text,
  funding_ends_on           date,
  responsible_mechanism_id  uuid references mechanisms (id),
  responsible_person_id     uuid references people (id),
  coordinated               boolean not null default false,
  purpose_tags              text[] not null default '{}',
  target_population         text,
  version                   integer not null default 1,
  created_at                timestamptz not null default now(),
  updated_at                timestamptz not null default now(),
  check (provider_type <> 'community_agency' or partner_name is not null)
);
create unique index resources_natural_key on resources (unit_id, natural_key);
create index resources_unit_idx on resources (unit_id, lower(name));

create table resource_snapshots (
  id                 uuid primary key,
  unit_id            uuid not null references units (id),
  title              text not null,
  as_of              date not null,
  framework_id       text not null,
  framework_version  text not null,
  -- The resources of the unit and the units below it as they were (id, unit, name, cells, cost, FTE…).
  entries            jsonb not null,
  resource_count     integer not null,
  created_by         uuid references people (id),
  created_at         timestamptz not null default now()
);
create index resource_snapshots_unit_idx on resource_snapshots (unit_id, as_of desc);

create table resource_priority_needs (
  id          uuid primary key,
  unit_id     uuid not null references units (id),
  rank        integer not null check (rank >= 1),
  title       text not null,
  rationale   text not null,
  cells       text[] not null default '{}',
  version     integer not null default 1,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create index resource_priority_needs_unit_idx on resource_priority_needs (unit_id, rank);

create table resource_recommendations (
  id                 uuid primary key,
  unit_id            uuid not null references units (id),
  type               text not null check (type in ('unify', 'yearly_priority', 'redeploy_resources', 'policy_change', 'operational_infrastructure_change', 'program_change')),
  title              text not null,
  rationale          text not null,
  -- The findings it rests on, as they read when linked (findings are computed, not stored).
  findings           jsonb not null default '[]',
  priority_need_ids  uuid[] not null default '{}',
  status             text not null default 'draft' check (status in ('draft', 'submitted', 'accepted', 'declined', 'withdrawn')),
  -- The plan tasks that carry an accepted one out (tasks table, decision 0008).
  plan_task_ids      uuid[] not null default '{}',
  version            integer not null default 1,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now()
);
create index resource_recommendations_unit_idx on resource_recommendations (unit_id, created_at desc);
