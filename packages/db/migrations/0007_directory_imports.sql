-- Directory imports (NCES CCD districts and schools, regions, feeder patterns): the directory fields
-- units lacked, and import runs that hold a preview so that apply writes exactly what was previewed.
-- See docs/decisions/0014-directory-imports.md.

alter table units
  add column address            text check (length(address) <= 200),
  add column city               text check (length(city) <= 100),
  add column zip                text check (zip ~ '^[0-9]{5}$'),
  add column latitude           double precision check (latitude between -90 and 90),
  add column longitude          double precision check (longitude between -180 and 180),
  -- NCES school level, from LEVEL or derived from the grade span as NCES does.
  add column level              text check (level in ('elementary', 'middle', 'high', 'other')),
  -- NCES school type: 1 regular, 2 special education, 3 vocational, 4 alternative, 5 reportable program.
  add column school_type        smallint check (school_type between 1 and 5),
  add column charter            boolean,
  -- NCES operational status (SY_STATUS/STATUS/BOUND 1–8); closed units are also archived.
  add column operational_status text check (operational_status in ('open', 'closed', 'new', 'added', 'changed', 'inactive', 'future', 'reopened'));

create table import_runs (
  id             uuid primary key,
  kind           text not null check (kind in ('ccd', 'feeders')),
  -- The state (or district) the import loads into; access is decided here.
  unit_id        uuid not null references units (id),
  -- The unit's path at preview: a move since then makes the preview stale.
  unit_path      text collate "C" not null,
  status         text not null default 'previewed' check (status in ('previewed', 'applied', 'discarded')),
  counts         jsonb not null,
  problem_count  integer not null default 0,
  files          jsonb not null default '[]',
  -- Feeder runs: the suggested (then edited) assignments, district by district.
  feeders        jsonb,
  created_by     uuid references people (id),
  created_at     timestamptz not null default now(),
  applied_by     uuid references people (id),
  applied_at     timestamptz,
  version        integer not null default 1
);
create index import_runs_unit_idx on import_runs (unit_id, created_at desc);

-- The writes of a run, one row per unit, in the order they apply (parents first).
create table import_run_items (
  run_id            uuid not null references import_runs (id) on delete cascade,
  seq               integer not null,
  action            text not null check (action in ('create', 'update', 'archive')),
  unit_id           uuid not null,
  kind              text not null,
  expected_version  integer,
  parent_id         uuid,
  path              text collate "C" not null,
  name              text not null,
  nces_id           text,
  state_id          text,
  grade_low         text,
  grade_high        text,
  address           text,
  city              text,
  zip               text,
  latitude          double precision,
  longitude         double precision,
  level             text,
  school_type       smallint,
  charter           boolean,
  operational_status text,
  archived          boolean not null,
  changes           text[] not null default '{}',
  line              integer,
  primary key (run_id, seq)
);

-- Every row of a run's files that cannot be used, and why.
create table import_run_problems (
  run_id      uuid not null references import_runs (id) on delete cascade,
  seq         integer not null,
  file        text not null,
  line        integer,
  record_key  text,
  name        text,
  field       text,
  message     text not null,
  primary key (run_id, seq)
);
