-- Appends the file just read into csv_lines (load_csv.sql) to raw_sales_lines, each line with its
-- physical line number (the header is line 1). A new table holds its rows in the order read, so
-- rowid 0 is the first line after the header; blank lines (which the reader skips) and line breaks
-- inside quotes move the lines after them down, by the shifts the extract step's own scan of the
-- file found (csv_line_shifts: from record `record` on, add `shift`). csv_line_spans names the lines
-- whose quotes hold line breaks, for validate to quarantine the ones that swallowed sales lines.
-- Numbering with row_number() over () while reading would run as one single-threaded window over
-- every line (a fifth of the load's time); the as-of join is a merge with a table of a few rows.
insert into raw_sales_lines by name
select
    $source_file as source_file,
    lines.line_number,
    invoice_no,
    stock_code,
    description,
    quantity,
    invoice_date,
    unit_price,
    customer_id,
    country,
    spans.spanned_lines,
    spans.swallowed_sales_lines
from (
    select csv_lines.*, csv_lines.rowid + 2 + coalesce(shifts.shift, 0) as line_number
    from csv_lines
    asof left join csv_line_shifts as shifts on csv_lines.rowid >= shifts.record
) as lines
left join csv_line_spans as spans using (line_number);
