-- Each unit's submitted figures per period kept at every unit above it (docs/decisions/0017, amended
-- 2026-12-07): a state's roll-up counts its assessed schools and pages its units behind from an
-- index instead of reading every school's assessment and name.

-- One row per live unit with submitted ratings, per instrument and period, at every unit on its path
-- (itself included): how many items it rated and the sum of their values (0–3). Kept exact with
-- benchmark_rollup_counts by the same function and trigger (replaced below).
create table benchmark_rollup_units (
  ancestor_id    uuid not null references units (id) on delete cascade,
  instrument_id  text not null,
  period         text not null,
  rated_kind     text not null,
  unit_id        uuid not null references units (id) on delete cascade,
  rated          integer not null check (rated > 0),
  value_sum      integer not null,
  primary key (ancestor_id, instrument_id, period, rated_kind, unit_id)
);
-- The units below a unit in order of their mean (the "units behind" list and its count by threshold).
create index benchmark_rollup_units_mean_idx on benchmark_rollup_units (ancestor_id, instrument_id, period, rated_kind, (value_sum::float8 / rated), unit_id) include (rated, value_sum);
create index benchmark_rollup_units_unit_idx on benchmark_rollup_units (unit_id);

-- Counting a unit's live units of one kind (its schools) is an index-only range.
create index units_live_kind_path_idx on units (kind, path) where archived_at is null;

-- As in 0009, and also each unit's figures: sign 1 (re)computes the unit's rows from its submitted
-- ratings (those of one assessment's instrument and period, when given); sign -1 removes them.
create or replace function benchmark_rollup_apply(p_unit uuid, p_path text, p_kind text, p_sign integer, p_assessment uuid) returns void language plpgsql as $$
declare
  v_ancestors uuid[] := string_to_array(trim(both '/' from p_path), '/')::uuid[];
begin
  insert into benchmark_rollup_counts (ancestor_id, instrument_id, period, rated_kind, item_key, rating, units)
  select a.id, r.instrument_id, r.period, p_kind, r.item_key, r.rating, p_sign * count(*)::integer
  from benchmark_ratings r cross join unnest(v_ancestors) as a (id)
  where r.unit_id = p_unit and r.submitted and (p_assessment is null or r.assessment_id = p_assessment)
  group by a.id, r.instrument_id, r.period, r.item_key, r.rating
  on conflict (ancestor_id, instrument_id, period, rated_kind, item_key, rating) do update set units = benchmark_rollup_counts.units + excluded.units;

  delete from benchmark_rollup_units u
  where u.unit_id = p_unit and u.ancestor_id = any(v_ancestors)
    and (p_assessment is null or (u.instrument_id, u.period) in (select x.instrument_id, x.period from benchmark_assessments x where x.id = p_assessment));
  if p_sign > 0 then
    insert into benchmark_rollup_units (ancestor_id, instrument_id, period, rated_kind, unit_id, rated, value_sum)
    select a.id, s.instrument_id, s.period, p_kind, p_unit, s.rated, s.value_sum
    from (
      select r.instrument_id, r.period, count(*)::integer as rated, sum(r.value)::integer as value_sum
      from benchmark_ratings r
      where r.unit_id = p_unit and r.submitted
        and (p_assessment is null or (r.instrument_id, r.period) in (select x.instrument_id, x.period from benchmark_assessments x where x.id = p_assessment))
      group by r.instrument_id, r.period
    ) s cross join unnest(v_ancestors) as a (id);
  end if;
end $$;

-- As in 0009, and the units' figures too.
create or replace function benchmark_rollup_rebuild() returns void language plpgsql as $$
begin
  delete from benchmark_rollup_counts;
  insert into benchmark_rollup_counts (ancestor_id, instrument_id, period, rated_kind, item_key, rating, units)
  select a.id::uuid, r.instrument_id, r.period, u.kind, r.item_key, r.rating, count(*)::integer
  from benchmark_ratings r join units u on u.id = r.unit_id cross join unnest(string_to_array(trim(both '/' from u.path), '/')) as a (id)
  where r.submitted and u.archived_at is null
  group by a.id, r.instrument_id, r.period, u.kind, r.item_key, r.rating;

  delete from benchmark_rollup_units;
  insert into benchmark_rollup_units (ancestor_id, instrument_id, period, rated_kind, unit_id, rated, value_sum)
  select a.id::uuid, s.instrument_id, s.period, u.kind, u.id, s.rated, s.value_sum
  from (
    select r.unit_id, r.instrument_id, r.period, count(*)::integer as rated, sum(r.value)::integer as value_sum
    from benchmark_ratings r where r.submitted group by r.unit_id, r.instrument_id, r.period
  ) s join units u on u.id = s.unit_id cross join unnest(string_to_array(trim(both '/' from u.path), '/')) as a (id)
  where u.archived_at is null;
end $$;

-- The figures of what is already submitted.
insert into benchmark_rollup_units (ancestor_id, instrument_id, period, rated_kind, unit_id, rated, value_sum)
select a.id::uuid, s.instrument_id, s.period, u.kind, u.id, s.rated, s.value_sum
from (
  select r.unit_id, r.instrument_id, r.period, count(*)::integer as rated, sum(r.value)::integer as value_sum
  from benchmark_ratings r where r.submitted group by r.unit_id, r.instrument_id, r.period
) s join units u on u.id = s.unit_id cross join unnest(string_to_array(trim(both '/' from u.path), '/')) as a (id)
where u.archived_at is null;
