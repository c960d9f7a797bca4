-- Appends one workbook sheet to raw_sales_lines from the CSV file the workbook reader wrote for it
-- (activities/extract/xlsx-thread.ts): every value quoted, null as an empty field, the sheet's row
-- number first. The file is ours, so its layout is stated rather than sniffed.
insert into raw_sales_lines by name
select $source_file as source_file, *
from read_csv(
    $path,
    header = true,
    auto_detect = false,
    delim = ',',
    quote = '"',
    escape = '"',
    columns = {
        'line_number': 'BIGINT', 'invoice_no': 'VARCHAR', 'stock_code': 'VARCHAR', 'description': 'VARCHAR',
        'quantity': 'VARCHAR', 'invoice_date': 'VARCHAR', 'unit_price': 'VARCHAR', 'customer_id': 'VARCHAR',
        'country': 'VARCHAR'
    }
);
