-- Appends one CSV file (plain or gzip) to raw_sales_lines, all values as text.
-- Line numbers count the header as line 1; quoted fields with embedded newlines would shift them.
insert into raw_sales_lines
with source as (
    select * from read_csv($path, header = true, all_varchar = true, auto_detect = true)
)
select
    $path as source_file,
    row_number() over () + 1 as line_number,
    columns('(?i)^invoice(no)?$'),
    columns('(?i)^stock ?code$'),
    columns('(?i)^description$'),
    columns('(?i)^quantity$'),
    columns('(?i)^invoice ?date$'),
    columns('(?i)^(unit ?)?price$'),
    columns('(?i)^customer ?id$'),
    columns('(?i)^country$')
from source;
