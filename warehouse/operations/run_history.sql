-- One row per run of a refresh that ended; a reset adds a run (see run_history.ts beside it).
create table if not exists run_history (
    refresh_id   varchar not null,
    workflow_id  varchar not null,
    run_id       varchar not null,
    status       varchar not null,
    started_at   timestamp not null,
    finished_at  timestamp not null,
    failed_step  varchar,
    message      varchar,
    rows_read    bigint,
    steps_json   varchar not null
);
-- A history written before runs had their own id gets the column; its rows say '' (run unknown).
alter table run_history add column if not exists run_id varchar default '';
