-- Foundation: the organization hierarchy, people and accounts, role grants, sessions,
-- sign-in attempts and the audit trail. PostgreSQL 15 and PGlite (PostgreSQL 18) alike.

create table units (
  id           uuid primary key,
  kind         text not null check (kind in ('state', 'region', 'district', 'feeder_pattern', 'school', 'department')),
  name         text not null check (length(name) between 1 and 200),
  parent_id    uuid references units (id),
  -- Materialized path "/root-id/…/own-id/" (docs/decisions/0003-subtree-materialized-path.md).
  path         text collate "C" not null,
  -- 0 for a root, 1 for its children…: lets "the first N levels" be an index scan.
  depth        smallint generated always as (length(path) - length(replace(path, '/', '')) - 2) stored,
  nces_id      text,
  state_id     text,
  grade_low    text,
  grade_high   text,
  enrollment   integer check (enrollment >= 0),
  archived_at  timestamptz,
  version      integer not null default 1,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now()
);
create unique index units_path_key on units (path);
create index units_depth_path_idx on units (depth, path);
create unique index units_nces_id_key on units (nces_id) where nces_id is not null;
create unique index units_state_id_key on units (kind, state_id) where state_id is not null;
create index units_parent_idx on units (parent_id, name);
create index units_name_idx on units (lower(name));

create table people (
  id               uuid primary key,
  name             text not null,
  email            text not null,
  title            text,
  home_unit_id     uuid references units (id),
  password_hash    text,
  is_system_admin  boolean not null default false,
  version          integer not null default 1,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
create unique index people_email_key on people (email);
create index people_home_unit_idx on people (home_unit_id);
create index people_name_idx on people (lower(name));

create table grants (
  id          uuid primary key,
  person_id   uuid not null references people (id) on delete cascade,
  unit_id     uuid not null references units (id),
  role        text not null check (role in ('viewer', 'member', 'editor', 'leader', 'admin')),
  created_at  timestamptz not null default now(),
  created_by  uuid references people (id)
);
create unique index grants_person_unit_key on grants (person_id, unit_id);
create index grants_unit_idx on grants (unit_id);

create table sessions (
  -- SHA-256 of the cookie's token: a leaked table does not yield usable cookies.
  id            text primary key,
  person_id     uuid not null references people (id) on delete cascade,
  csrf_token    text not null,
  created_at    timestamptz not null default now(),
  last_seen_at  timestamptz not null default now(),
  expires_at    timestamptz not null
);
create index sessions_person_idx on sessions (person_id);
create index sessions_expires_idx on sessions (expires_at);

create table login_attempts (
  id         bigserial primary key,
  email      text not null,
  ip         text not null,
  succeeded  boolean not null,
  at         timestamptz not null default now()
);
create index login_attempts_email_idx on login_attempts (email, at);
create index login_attempts_ip_idx on login_attempts (ip, at);

create table audit_events (
  id           bigserial primary key,
  at           timestamptz not null default now(),
  actor_id     uuid references people (id),
  action       text not null,
  entity_type  text not null,
  entity_id    text not null,
  -- The unit the change belongs to; the trail of a subtree follows the unit where it is now.
  unit_id      uuid references units (id),
  before       jsonb,
  after        jsonb,
  request_id   text
);
create index audit_events_unit_idx on audit_events (unit_id, id);
create index audit_events_actor_idx on audit_events (actor_id, id);
create index audit_events_entity_idx on audit_events (entity_type, entity_id, id);
