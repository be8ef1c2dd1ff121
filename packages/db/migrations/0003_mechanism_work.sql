-- Mechanisms at work (issue 3): links across levels, meetings with attendees, action items as tasks,
-- and per-function capacity building.

-- The comparable mechanism at a unit above that this one is formally linked to (Exhibit 2).
alter table mechanisms add column upper_mechanism_id uuid references mechanisms (id);
create index mechanisms_upper_idx on mechanisms (upper_mechanism_id) where upper_mechanism_id is not null;

-- Capacity building: is the function understood and in place? With the evidence a coach relies on.
alter table mechanism_functions add column capacity text not null default 'not_started' check (capacity in ('not_started', 'developing', 'in_place'));
alter table mechanism_functions add column capacity_evidence text;
alter table mechanism_functions add column capacity_updated_on date;

create table mechanism_meetings (
  id            uuid primary key,
  mechanism_id  uuid not null references mechanisms (id) on delete cascade,
  held_on       date not null,
  kind          text not null check (kind in ('formal', 'informal', 'focus_group')),
  agenda        text,
  minutes       text,
  decisions     text,
  version       integer not null default 1,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create index mechanism_meetings_mechanism_idx on mechanism_meetings (mechanism_id, held_on desc);

create table mechanism_meeting_attendees (
  meeting_id  uuid not null references mechanism_meetings (id) on delete cascade,
  person_id   uuid not null references people (id),
  primary key (meeting_id, person_id)
);
create index mechanism_meeting_attendees_person_idx on mechanism_meeting_attendees (person_id);

-- One table of tasks for the whole product (docs/decisions/0008-one-task-table.md): a meeting's
-- action items now; plans (issue 4) add their own columns later.
create table tasks (
  id               uuid primary key,
  unit_id          uuid not null references units (id),
  title            text not null check (length(title) between 1 and 300),
  notes            text,
  owner_person_id  uuid references people (id),
  due_on           date,
  status           text not null default 'not_started' check (status in ('not_started', 'under_way', 'done', 'blocked')),
  blocked_reason   text,
  completed_on     date,
  mechanism_id     uuid references mechanisms (id),
  meeting_id       uuid references mechanism_meetings (id) on delete set null,
  version          integer not null default 1,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  check ((status = 'blocked') = (blocked_reason is not null))
);
create index tasks_unit_idx on tasks (unit_id, due_on);
create index tasks_mechanism_idx on tasks (mechanism_id) where mechanism_id is not null;
create index tasks_meeting_idx on tasks (meeting_id) where meeting_id is not null;
create index tasks_owner_idx on tasks (owner_person_id, due_on) where owner_person_id is not null;
