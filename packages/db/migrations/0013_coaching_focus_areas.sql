-- A state's or district's own coaching focus areas (docs/decisions/0020): the shipped Appendix B
-- catalog reworded, added to or retired for the unit and the units below it. One row per adapting
-- unit; the list in force at a unit applies the rows on its path from the top down.
create table coaching_focus_adaptations (
  unit_id     uuid primary key references units (id),
  -- [{ key, kind: 'added' | 'changed', label, text, addedBy, changedBy, retired }] (core CoachingFocusAreaEntry)
  entries     jsonb not null default '[]',
  version     integer not null default 1,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
