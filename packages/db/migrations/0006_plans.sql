-- Design documents, plans with WHO/HOW/WHEN tasks, the approval path, and recommendations (issue 4;
-- docs/decisions/0009-plans-approval-and-rollup.md and 0013-plans-storage-and-freezing.md).

-- A unit's design document: one per unit, every saved version kept.
create table design_documents (
  id               uuid primary key,
  unit_id          uuid not null references units (id),
  -- The prototype it adapts (the state's design, for a district); null for a unit's own design.
  adopted_from_id  uuid references design_documents (id),
  content          jsonb not null,
  -- The row's concurrency version, and the number of the newest revision below.
  version          integer not null default 1,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  check (adopted_from_id is null or adopted_from_id <> id)
);
create unique index design_documents_unit_key on design_documents (unit_id);
create index design_documents_adopted_idx on design_documents (adopted_from_id) where adopted_from_id is not null;

create table design_document_revisions (
  document_id  uuid not null references design_documents (id) on delete cascade,
  revision     integer not null check (revision >= 1),
  content      jsonb not null,
  saved_by     uuid references people (id),
  saved_at     timestamptz not null default now(),
  primary key (document_id, revision)
);

-- Plans. Each version of a plan is a row; the versions of one plan share a lineage.
create table plans (
  id               uuid primary key,
  lineage_id       uuid not null,
  plan_version     integer not null default 1 check (plan_version >= 1),
  unit_id          uuid not null references units (id),
  kind             text not null check (kind in ('strategic_system_change', 'start_up_phase_in', 'sustainability')),
  title            text not null check (length(title) between 1 and 300),
  status           text not null default 'draft' check (status in ('draft', 'submitted', 'revision_requested', 'approved', 'superseded')),
  template_key     text,
  template_version text,
  -- The plan above in the cascade (the state's roll-out plan, for a district plan).
  parent_plan_id   uuid references plans (id),
  created_by       uuid references people (id),
  version          integer not null default 1,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
create unique index plans_lineage_version_key on plans (lineage_id, plan_version);
create index plans_unit_idx on plans (unit_id, status);
create index plans_parent_idx on plans (parent_plan_id) where parent_plan_id is not null;

-- Every step of the approval path, with its comment (also in the audit trail).
create table plan_status_events (
  id           uuid primary key,
  plan_id      uuid not null references plans (id) on delete cascade,
  from_status  text not null,
  to_status    text not null,
  comment      text,
  actor_id     uuid references people (id),
  at           timestamptz not null default now()
);
create index plan_status_events_plan_idx on plan_status_events (plan_id, at);

-- Plan tasks are rows of the one task table (decision 0008) with these columns.
alter table tasks add column plan_id uuid references plans (id) on delete cascade;
alter table tasks add column parent_task_id uuid references tasks (id) on delete cascade;
alter table tasks add column position integer not null default 0;
alter table tasks add column how text;
alter table tasks add column start_on date;
alter table tasks add column phase text check (phase in ('orientation', 'start_up_phase_in', 'institutionalization', 'ongoing_evolution'));
alter table tasks add column evidence text;
alter table tasks add column links jsonb not null default '[]';
alter table tasks add column template_node_key text;
alter table tasks add constraint tasks_dates_check check (start_on is null or due_on is null or due_on >= start_on);
create index tasks_plan_idx on tasks (plan_id, parent_task_id, position) where plan_id is not null;
create index tasks_parent_idx on tasks (parent_task_id) where parent_task_id is not null;

-- WHO: people and mechanisms.
create table task_people (
  task_id    uuid not null references tasks (id) on delete cascade,
  person_id  uuid not null references people (id),
  primary key (task_id, person_id)
);
create index task_people_person_idx on task_people (person_id);

create table task_mechanisms (
  task_id       uuid not null references tasks (id) on delete cascade,
  mechanism_id  uuid not null references mechanisms (id),
  primary key (task_id, mechanism_id)
);
create index task_mechanisms_mechanism_idx on task_mechanisms (mechanism_id);

create table task_dependencies (
  task_id        uuid not null references tasks (id) on delete cascade,
  depends_on_id  uuid not null references tasks (id) on delete cascade,
  primary key (task_id, depends_on_id),
  check (task_id <> depends_on_id)
);
create index task_dependencies_on_idx on task_dependencies (depends_on_id);

-- Recommendations from work groups to the authority that decides them.
create table plan_recommendations (
  id                   uuid primary key,
  unit_id              uuid not null references units (id),
  plan_id              uuid references plans (id) on delete set null,
  from_mechanism_id    uuid references mechanisms (id),
  subject              text not null check (subject in ('policy', 'operational_infrastructure', 'programs_initiatives', 'resource_redeployment')),
  title                text not null check (length(title) between 1 and 300),
  rationale            text not null,
  authority            text not null,
  authority_person_id  uuid references people (id),
  submitted_on         date not null,
  decision             text check (decision in ('accepted', 'declined', 'deferred')),
  decided_on           date,
  decision_note        text,
  version              integer not null default 1,
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  check ((decision is null) = (decided_on is null))
);
create index plan_recommendations_unit_idx on plan_recommendations (unit_id, submitted_on desc);

create table plan_recommendation_tasks (
  recommendation_id  uuid not null references plan_recommendations (id) on delete cascade,
  task_id            uuid not null references tasks (id) on delete cascade,
  primary key (recommendation_id, task_id)
);
create index plan_recommendation_tasks_task_idx on plan_recommendation_tasks (task_id);

-- A person's private iCalendar feed of their task due dates: the address carries a secret whose
-- SHA-256 is kept here (a calendar app cannot sign in). A new secret replaces the old one.
alter table people add column calendar_token_hash text;
create unique index people_calendar_token_key on people (calendar_token_hash) where calendar_token_hash is not null;
