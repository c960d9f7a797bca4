-- Appends one CSV file (plain or gzip, UTF-8 or ISO-8859-1) to raw_sales_lines, every value as text.
-- Delimiter, encoding, compression and columns come from the extract step's own scan of the file and
-- DuckDB's sniffer is off: sniffing a file with one malformed line can pick a dialect that skips
-- lines. Strict mode stays on: a line with the wrong number of fields stops the load with its line
-- number instead of being padded or skipped.
-- Line numbers count the header as line 1; blank lines and line breaks inside quotes would shift
-- them, and the extract step notes when the counts say that happened.
insert into raw_sales_lines
with source as (
    select *
    from read_csv(
        $path,
        header = true,
        auto_detect = false,
        delim = $delimiter,
        quote = '"',
        escape = '"',
        encoding = $encoding,
        compression = $compression,
        columns = $columns
    )
)
select
    $source_file as source_file,
    row_number() over () + 1 as line_number,
    invoice_no,
    stock_code,
    description,
    quantity,
    invoice_date,
    unit_price,
    customer_id,
    country
from source;
