-- One row per refresh that ended (see spec/operations.ts).
create table if not exists run_history (
    refresh_id   varchar not null,
    workflow_id  varchar not null,
    status       varchar not null,
    started_at   timestamp not null,
    finished_at  timestamp not null,
    failed_step  varchar,
    message      varchar,
    rows_read    bigint,
    steps_json   varchar not null
);
