-- A workbook with one sheet per year (Online Retail II) repeats the lines of the days two sheets
-- share. A line of a later sheet that equals a line of an earlier sheet of the same workbook is
-- counted once: it is listed here (with the line it repeats) and left out of staging. Copies are
-- matched one to one (the k-th copy in the later sheet to the k-th in the earlier one), so true
-- duplicates inside one sheet stay and are flagged as duplicates instead.
create or replace table sheet_overlap as
with workbooks as (
    select input_file from raw_sources where sheet_index is not null group by all having count(*) > 1
),
sheet_lines as (
    select lines.*, sources.input_file, sources.sheet_index
    from raw_sales_lines as lines
    join raw_sources as sources using (source_file)
    where sources.input_file in (select input_file from workbooks)
),
numbered as (
    select
        *,
        row_number() over (
            partition by input_file, sheet_index, invoice_no, stock_code, description, quantity,
                         invoice_date, unit_price, customer_id, country
            order by line_number
        ) as copy_number
    from sheet_lines
),
matched as (
    select
        later.source_file,
        later.line_number,
        earlier.source_file as first_source_file,
        earlier.line_number as first_line_number
    from numbered as later
    join numbered as earlier
        on earlier.input_file = later.input_file
        and earlier.sheet_index < later.sheet_index
        and earlier.copy_number = later.copy_number
        and earlier.invoice_no is not distinct from later.invoice_no
        and earlier.stock_code is not distinct from later.stock_code
        and earlier.description is not distinct from later.description
        and earlier.quantity is not distinct from later.quantity
        and earlier.invoice_date is not distinct from later.invoice_date
        and earlier.unit_price is not distinct from later.unit_price
        and earlier.customer_id is not distinct from later.customer_id
        and earlier.country is not distinct from later.country
    qualify row_number() over (partition by later.source_file, later.line_number order by earlier.sheet_index) = 1
)
select * from matched
order by source_file, line_number;
