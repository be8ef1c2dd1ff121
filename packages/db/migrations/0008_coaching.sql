-- Coaching and mentoring (issue 7): engagements with their cadence targets, contacts, organization
-- facilitator checks (Exhibit 3), capacity transfer to internal leaders, per-unit coaching settings
-- (time zone, "ready to sustain" criteria), and a small job queue with a mail outbox for the daily
-- digest (docs/decisions/0016-coaching-access-and-jobs.md).

-- A unit's coaching settings; a unit without a row takes the nearest unit above it that has one,
-- else the defaults (America/Chicago, COACHING_SUSTAIN_DEFAULTS).
create table coaching_unit_settings (
  unit_id     uuid primary key references units (id),
  time_zone   text not null check (length(time_zone) between 1 and 64),
  -- CoachingSustainCriteria; null for the defaults.
  sustain     jsonb,
  version     integer not null default 1,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

create table coaching_engagements (
  id                       uuid primary key,
  -- The unit it belongs to: coverage, time zone, and the scope of the coach's access.
  unit_id                  uuid not null references units (id),
  coach_person_id          uuid not null references people (id),
  kind                     text not null check (kind in ('coaching', 'mentoring')),
  coach_affiliation        text not null check (coach_affiliation in ('internal', 'external')),
  -- Who is coached: exactly one of a leader, a mechanism, or the unit itself.
  target_leader_person_id  uuid references people (id),
  target_mechanism_id      uuid references mechanisms (id),
  target_unit_id           uuid references units (id),
  focus_area_keys          text[] not null check (cardinality(focus_area_keys) >= 1),
  start_on                 date not null,
  planned_end_on           date check (planned_end_on >= start_on),
  goals                    text,
  status                   text not null default 'active' check (status in ('active', 'paused', 'ended')),
  -- [{ from, to }] local days, `to` null while paused (core coachingEngagementIssues keeps them sound).
  pauses                   jsonb not null default '[]',
  ended_on                 date,
  -- Cadence targets: null for "no such target".
  contact_every_days       integer check (contact_every_days between 1 and 90),
  onsite_target            jsonb,
  created_by               uuid references people (id),
  version                  integer not null default 1,
  created_at               timestamptz not null default now(),
  updated_at               timestamptz not null default now(),
  check (num_nonnulls(target_leader_person_id, target_mechanism_id, target_unit_id) = 1),
  check ((status = 'ended') = (ended_on is not null))
);
create index coaching_engagements_unit_idx on coaching_engagements (unit_id);
-- The session reads a coach's engagements on every request (their scoped access).
create index coaching_engagements_coach_idx on coaching_engagements (coach_person_id) where status <> 'ended';
create index coaching_engagements_coach_all_idx on coaching_engagements (coach_person_id, start_on);

create table coaching_contacts (
  id                uuid primary key,
  engagement_id     uuid not null references coaching_engagements (id) on delete cascade,
  -- The unit's local day of the contact.
  contact_on        date not null,
  mode              text not null check (mode in ('email', 'call', 'video', 'onsite')),
  duration_minutes  integer not null check (duration_minutes between 1 and 1440),
  participant_ids   uuid[] not null default '{}',
  topics            text[] not null default '{}',
  notes             text,
  agreements        text,
  -- [{ text, dueOn, taskId }]: a next step becomes a row of `tasks` on request.
  next_steps        jsonb not null default '[]',
  created_by        uuid references people (id),
  version           integer not null default 1,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now()
);
create index coaching_contacts_engagement_idx on coaching_contacts (engagement_id, contact_on);

-- The task a contact's next step became (the contact may later be removed; the task stays).
alter table tasks add column coaching_contact_id uuid references coaching_contacts (id) on delete set null;
create index tasks_coaching_contact_idx on tasks (coaching_contact_id) where coaching_contact_id is not null;

-- A facilitator's Exhibit 3 checklist for one site on one day.
create table coaching_facilitator_checks (
  id                     uuid primary key,
  unit_id                uuid not null references units (id),
  facilitator_person_id  uuid not null references people (id),
  checked_on             date not null,
  catalog_version        text not null,
  -- [{ itemKey, answer, why, actionTaken, note }]
  answers                jsonb not null,
  created_by             uuid references people (id),
  version                integer not null default 1,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now(),
  constraint coaching_facilitator_checks_once unique (unit_id, facilitator_person_id, checked_on)
);
create index coaching_facilitator_checks_unit_idx on coaching_facilitator_checks (unit_id, checked_on desc);

-- The hand-over plan: each internal leader being prepared, the capacities (focus areas) they take
-- on, and when the external coaching hands over to them.
create table coaching_capacity_transfers (
  id                         uuid primary key,
  unit_id                    uuid not null references units (id),
  internal_leader_person_id  uuid not null references people (id),
  capacities                 text[] not null check (cardinality(capacities) >= 1),
  planned_hand_over_on       date not null,
  note                       text,
  version                    integer not null default 1,
  created_at                 timestamptz not null default now(),
  updated_at                 timestamptz not null default now(),
  constraint coaching_capacity_transfers_once unique (unit_id, internal_leader_person_id)
);

-- A small job queue shared by every server process. A job is claimed with FOR UPDATE SKIP LOCKED
-- and a lease (locked_until); a claim whose lease ran out (its process died) is taken again.
-- `key` makes a job unique (e.g. one digest per coach per day), so enqueuing twice is harmless.
create table jobs (
  id            uuid primary key,
  kind          text not null check (length(kind) between 1 and 100),
  key           text not null,
  payload       jsonb not null default '{}',
  run_at        timestamptz not null default now(),
  status        text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  attempts      integer not null default 0,
  max_attempts  integer not null default 5,
  locked_by     text,
  locked_until  timestamptz,
  last_error    text,
  created_at    timestamptz not null default now(),
  finished_at   timestamptz,
  constraint jobs_key_unique unique (key)
);
create index jobs_due_idx on jobs (run_at) where status in ('queued', 'running');

-- Mail the product sends. Every message is written here first (once: `key` is unique); with SMTP
-- configured a runner delivers it and sets sent_at, otherwise it stays here for an administrator
-- to read.
create table mail_outbox (
  id               uuid primary key,
  key              text not null,
  to_person_id     uuid references people (id),
  to_address       text not null,
  subject          text not null,
  body_text        text not null,
  created_at       timestamptz not null default now(),
  attempts         integer not null default 0,
  locked_by        text,
  locked_until     timestamptz,
  sent_at          timestamptz,
  smtp_message_id  text,
  last_error       text,
  constraint mail_outbox_key_unique unique (key)
);
create index mail_outbox_unsent_idx on mail_outbox (created_at) where sent_at is null;
