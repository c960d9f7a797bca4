-- Row accounting per source (a CSV file or a workbook sheet): every line read is staged,
-- quarantined, or counted once as a repeat of a line of an earlier source (see source_overlap.sql).
-- For a CSV file it also accounts for physical lines: the header, the lines read, the blank lines
-- the reader skips, and the lines joined to the line before by a line break inside quotes add up
-- to the lines of the file as a text editor counts them.
create or replace table load_audit as
with sources as (
    select * from raw_sources
),
read as (
    select source_file, count(*) as rows_read, coalesce(sum(spanned_lines - 1), 0)::bigint as lines_joined
    from raw_sales_lines group by all
),
staged as (
    select source_file, count(*) as rows_staged from stg_sales_lines group by all
),
rejected as (
    select source_file, count(*) as rows_quarantined from quarantine group by all
),
overlapping as (
    select source_file, count(*) as rows_overlapping from source_overlap group by all
)
select
    $refresh_id as refresh_id,
    sources.source_file,
    coalesce(read.rows_read, 0) as rows_read,
    coalesce(staged.rows_staged, 0) as rows_staged,
    coalesce(rejected.rows_quarantined, 0) as rows_quarantined,
    coalesce(overlapping.rows_overlapping, 0) as rows_overlapping,
    sources.physical_lines,
    sources.blank_lines,
    case when sources.file_format = 'csv' then coalesce(read.lines_joined, 0) end as lines_joined,
    sources.input_file,
    sources.sheet_name,
    sources.file_format,
    sources.compression,
    sources.encoding,
    sources.delimiter,
    sources.header_layout
from sources
left join read using (source_file)
left join staged using (source_file)
left join rejected using (source_file)
left join overlapping using (source_file)
order by sources.source_file;
