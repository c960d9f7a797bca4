-- Sources overlap: Online Retail II's year sheets share 1-9 December 2010, and consecutive daily
-- exports repeat the lines at their edges. A line of a source that equals a line (all eight raw
-- fields) of an earlier source is counted once: it is listed here, with the line it repeats, and
-- left out of staging. "Earlier" is the order of the sources themselves (input file path, then sheet
-- position), never the order of loading, so an incremental refresh and a full rebuild over the same
-- files keep the same copies. Copies are matched one to one (the k-th copy in a source to the k-th
-- copy in the earliest source holding k copies), so true duplicates inside one source stay and are
-- flagged as duplicates instead.
create or replace table source_overlap as
with sources as (
    select
        source_file,
        row_number() over (order by input_file, sheet_index nulls first, source_file) as source_order
    from raw_sources
),
-- Only a line that occurs in two sources can overlap. Finding those first, by a hash of the eight
-- fields (one number to group instead of eight texts), keeps the windows below to a handful of lines
-- when the sources barely overlap, the usual case. A hash collision only adds a candidate: the
-- windows compare the fields themselves.
shared_hashes as (
    select hash(invoice_no, stock_code, description, quantity, invoice_date, unit_price, customer_id, country) as line_hash
    from raw_sales_lines
    -- One source cannot overlap another: this skips the scan (the usual single-file refresh).
    where (select count(*) from raw_sources) > 1
    group by all
    having count(distinct source_file) > 1
),
shared_lines as (
    select lines.*, sources.source_order
    from raw_sales_lines as lines
    join sources using (source_file)
    where hash(lines.invoice_no, lines.stock_code, lines.description, lines.quantity, lines.invoice_date,
               lines.unit_price, lines.customer_id, lines.country) in (select line_hash from shared_hashes)
),
numbered as (
    select
        *,
        row_number() over (
            partition by source_file, invoice_no, stock_code, description, quantity,
                         invoice_date, unit_price, customer_id, country
            order by line_number
        ) as copy_number
    from shared_lines
),
ranked as (
    select
        source_file,
        line_number,
        source_order,
        first_value(source_order) over copies as first_source_order,
        first_value(source_file) over copies as first_source_file,
        first_value(line_number) over copies as first_line_number
    from numbered
    window copies as (
        partition by invoice_no, stock_code, description, quantity, invoice_date, unit_price,
                     customer_id, country, copy_number
        order by source_order
    )
)
select source_file, line_number, first_source_file, first_line_number
from ranked
where source_order > first_source_order
order by source_file, line_number;
