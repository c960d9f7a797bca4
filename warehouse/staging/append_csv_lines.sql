-- Appends the file just read into csv_lines (load_csv.sql) to raw_sales_lines. A new table holds its
-- rows in the order read, so rowid 0 is the line after the header: line numbers count the header as
-- line 1. Numbering with row_number() over () while reading would give the same numbers but runs
-- as one single-threaded window over every line (a fifth of the load's time).
-- Blank lines and line breaks inside quotes would shift the numbers, and the extract step notes when
-- the counts say that happened.
insert into raw_sales_lines
select
    $source_file as source_file,
    rowid + 2 as line_number,
    invoice_no,
    stock_code,
    description,
    quantity,
    invoice_date,
    unit_price,
    customer_id,
    country
from csv_lines;
