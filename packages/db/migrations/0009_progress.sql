-- Benchmarks, readiness surveys, barriers and celebrations (issue 6; docs/decisions/0011 and 0017).

-- Instruments an agency builds on the shipped ones (added items); the shipped ones live in code.
create table progress_instruments (
  id            text not null,
  version       text not null,
  kind          text not null check (kind in ('benchmark', 'readiness')),
  -- The unit that owns it; it may be used there and below.
  unit_id       uuid not null references units (id),
  definition    jsonb not null,
  created_by    uuid references people (id),
  created_at    timestamptz not null default now(),
  primary key (id, version)
);
create index progress_instruments_unit_idx on progress_instruments (unit_id);

-- An assessment of one unit for one period with one instrument; a team completes it together.
create table benchmark_assessments (
  id                  uuid primary key,
  unit_id             uuid not null references units (id),
  period              text not null check (period ~ '^[0-9]{4}-(Q[1-4]|0[1-9]|1[0-2])$'),
  instrument_id       text not null,
  instrument_version  text not null,
  status              text not null default 'draft' check (status in ('draft', 'submitted')),
  note                text,
  created_by          uuid references people (id),
  submitted_by        uuid references people (id),
  submitted_at        timestamptz,
  -- Set on submit: how many items were rated and the sum of their values (0–3), for roll-ups.
  rated               integer,
  value_sum           integer,
  version             integer not null default 1,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now()
);
create unique index benchmark_assessments_unit_period_key on benchmark_assessments (unit_id, period, instrument_id);
create index benchmark_assessments_period_idx on benchmark_assessments (instrument_id, period, unit_id) where status = 'submitted';

create table benchmark_assessors (
  assessment_id  uuid not null references benchmark_assessments (id) on delete cascade,
  person_id      uuid not null references people (id),
  primary key (assessment_id, person_id)
);

-- One rating per item. period, unit and status are copied from the assessment so that a roll-up
-- over a state's units and two periods is one index range with no join to the assessments.
create table benchmark_ratings (
  assessment_id  uuid not null references benchmark_assessments (id) on delete cascade,
  unit_id        uuid not null references units (id),
  period         text not null,
  instrument_id  text not null,
  submitted      boolean not null default false,
  item_key       text not null,
  rating         text not null check (rating in ('not_yet', 'planned', 'developing', 'fully_in_place')),
  value          smallint not null check (value between 0 and 3),
  evidence       text,
  links          jsonb not null default '[]',
  rated_by       uuid references people (id),
  rated_at       timestamptz not null default now(),
  primary key (assessment_id, item_key)
);
create index benchmark_ratings_unit_idx on benchmark_ratings (unit_id, instrument_id, period) where submitted;

-- Submitted ratings counted at every unit above the rated one (and at it), by the rated unit's kind:
-- a state's roll-up of its schools reads a few hundred rows instead of scanning every rating.
-- Kept exact by benchmark_rollup_apply: on submit (the service calls it), and by the trigger below
-- when a unit moves or is archived or restored, whatever code changed it (docs/decisions/0017).
create table benchmark_rollup_counts (
  ancestor_id    uuid not null references units (id) on delete cascade,
  instrument_id  text not null,
  period         text not null,
  rated_kind     text not null,
  item_key       text not null,
  rating         text not null,
  units          integer not null,
  primary key (ancestor_id, instrument_id, period, rated_kind, item_key, rating)
);

-- Adds (sign 1) or takes away (sign -1) the submitted ratings of one unit (of one assessment, when
-- given) at every unit on its path.
create function benchmark_rollup_apply(p_unit uuid, p_path text, p_kind text, p_sign integer, p_assessment uuid) returns void language plpgsql as $$
begin
  insert into benchmark_rollup_counts (ancestor_id, instrument_id, period, rated_kind, item_key, rating, units)
  select a.id::uuid, r.instrument_id, r.period, p_kind, r.item_key, r.rating, p_sign * count(*)::integer
  from benchmark_ratings r cross join unnest(string_to_array(trim(both '/' from p_path), '/')) as a (id)
  where r.unit_id = p_unit and r.submitted and (p_assessment is null or r.assessment_id = p_assessment)
  group by a.id, r.instrument_id, r.period, r.item_key, r.rating
  on conflict (ancestor_id, instrument_id, period, rated_kind, item_key, rating) do update set units = benchmark_rollup_counts.units + excluded.units;
end $$;

create function benchmark_rollup_unit_changed() returns trigger language plpgsql as $$
begin
  if old.archived_at is null then perform benchmark_rollup_apply(old.id, old.path, old.kind, -1, null); end if;
  if new.archived_at is null then perform benchmark_rollup_apply(new.id, new.path, new.kind, 1, null); end if;
  return null;
end $$;

create trigger benchmark_rollup_unit_changed after update of path, archived_at, kind on units
  for each row when (old.path is distinct from new.path or (old.archived_at is null) <> (new.archived_at is null) or old.kind is distinct from new.kind)
  execute function benchmark_rollup_unit_changed();

-- Rebuilds every count from the ratings (after a bulk load; never needed in normal use).
create function benchmark_rollup_rebuild() returns void language plpgsql as $$
begin
  delete from benchmark_rollup_counts;
  insert into benchmark_rollup_counts (ancestor_id, instrument_id, period, rated_kind, item_key, rating, units)
  select a.id::uuid, r.instrument_id, r.period, u.kind, r.item_key, r.rating, count(*)::integer
  from benchmark_ratings r join units u on u.id = r.unit_id cross join unnest(string_to_array(trim(both '/' from u.path), '/')) as a (id)
  where r.submitted and u.archived_at is null
  group by a.id, r.instrument_id, r.period, u.kind, r.item_key, r.rating;
end $$;

-- A readiness survey answered anonymously by link. The link's secret opens the survey and nothing else.
create table readiness_surveys (
  id                  uuid primary key,
  unit_id             uuid not null references units (id),
  period              text not null check (period ~ '^[0-9]{4}-(Q[1-4]|0[1-9]|1[0-2])$'),
  instrument_id       text not null,
  instrument_version  text not null,
  link_token          text not null,
  closes_on           date,
  closed_at           timestamptz,
  created_by          uuid references people (id),
  version             integer not null default 1,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now()
);
create unique index readiness_surveys_token_key on readiness_surveys (link_token);
create index readiness_surveys_unit_idx on readiness_surveys (unit_id, period);

-- Answers carry no identity: no person, no address, no time of day (the day only).
create table readiness_responses (
  id            uuid primary key,
  survey_id     uuid not null references readiness_surveys (id) on delete cascade,
  answered_on   date not null default current_date,
  answers       jsonb not null
);
create index readiness_responses_survey_idx on readiness_responses (survey_id);

-- Barriers to change and their rapid problem solving.
create table barriers (
  id             uuid primary key,
  unit_id        uuid not null references units (id),
  mechanism_id   uuid references mechanisms (id),
  category       text not null,
  description    text not null,
  owner_id       uuid not null references people (id),
  next_step      text not null,
  target_on      date,
  status         text not null default 'open' check (status in ('open', 'in_progress', 'resolved', 'dropped')),
  resolution     text,
  drop_reason    text,
  raised_on      date not null default current_date,
  raised_by      uuid references people (id),
  resolved_on    date,
  last_update_on date not null default current_date,
  version        integer not null default 1,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  check ((status = 'resolved') = (resolution is not null)),
  check ((status = 'dropped') = (drop_reason is not null))
);
create index barriers_unit_idx on barriers (unit_id, status);

-- Celebrations: added by a leader, or a proposed milestone confirmed (or dismissed, so it is not proposed again).
create table celebrations (
  id             uuid primary key,
  unit_id        uuid not null references units (id),
  title          text not null check (length(title) between 1 and 300),
  description    text,
  celebrated_on  date not null,
  milestone_key  text,
  status         text not null check (status in ('confirmed', 'dismissed')),
  created_by     uuid references people (id),
  version        integer not null default 1,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create unique index celebrations_milestone_key on celebrations (milestone_key) where milestone_key is not null;
create index celebrations_unit_idx on celebrations (unit_id, celebrated_on desc);
