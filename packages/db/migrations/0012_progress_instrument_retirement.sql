-- An agency's benchmark instrument may be retired: it is no longer offered for new assessments, and
-- the assessments made with it keep it (docs/decisions/0021).
alter table progress_instruments add column retired_at timestamptz;
alter table progress_instruments add column retired_by uuid references people (id);
