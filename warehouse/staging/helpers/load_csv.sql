-- Reads one CSV file (plain or gzip, UTF-8: a file in another encoding is read from a UTF-8 copy)
-- into the temp table csv_lines, every value as text; append_csv_lines.sql then adds it to
-- raw_sales_lines with physical line numbers.
-- Delimiter, encoding, compression and columns come from the extract step's own scan of the file and
-- DuckDB's sniffer is off: sniffing a file with one malformed line can pick a dialect that skips
-- lines. Strict mode stays on: a line with the wrong number of fields stops the load with its line
-- number instead of being padded or skipped.
create or replace temp table csv_lines as
select *
from read_csv(
    $path,
    header = true,
    auto_detect = false,
    delim = $delimiter,
    quote = '"',
    escape = '"',
    encoding = 'utf-8',
    compression = $compression,
    columns = $columns
);
