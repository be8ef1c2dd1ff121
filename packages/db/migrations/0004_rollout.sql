-- Roll-out planner (issue 8): saved scenarios of a district's (or a state's) phase-in, computed off
-- the request thread, and adopted once chosen.

create table rollout_scenarios (
  id            uuid primary key,
  unit_id       uuid not null references units (id),
  name          text not null check (length(name) between 1 and 200),
  -- What the person edits (cadre, phases, calendar, priority, constraints, per-school overrides),
  -- the sites are read from the unit's organization when it is computed.
  settings      jsonb not null,
  status        text not null default 'computing' check (status in ('computing', 'ready', 'failed')),
  -- What the computation is doing now, for the page to show.
  stage         text,
  error         text,
  -- The schedule, the what-if sweep over cadre sizes, and the sites it was computed for.
  result        jsonb,
  computed_at   timestamptz,
  -- Bumped on every change of settings: a result from an earlier computation is never stored over a newer one.
  computation   integer not null default 1,
  adopted_at    timestamptz,
  adopted_by    uuid references people (id),
  adoption      jsonb,
  created_by    uuid references people (id),
  version       integer not null default 1,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create index rollout_scenarios_unit_idx on rollout_scenarios (unit_id, created_at desc);
create index rollout_scenarios_computing_idx on rollout_scenarios (status) where status = 'computing';
