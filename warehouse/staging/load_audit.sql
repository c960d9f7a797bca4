-- Row accounting per file: every line read is staged or quarantined.
create or replace table load_audit as
with read as (
    select source_file, count(*) as rows_read from raw_sales_lines group by all
),
staged as (
    select source_file, count(*) as rows_staged from stg_sales_lines group by all
),
rejected as (
    select source_file, count(*) as rows_quarantined from quarantine group by all
)
select
    $refresh_id as refresh_id,
    read.source_file,
    read.rows_read,
    coalesce(staged.rows_staged, 0) as rows_staged,
    coalesce(rejected.rows_quarantined, 0) as rows_quarantined
from read
left join staged using (source_file)
left join rejected using (source_file)
order by source_file;
