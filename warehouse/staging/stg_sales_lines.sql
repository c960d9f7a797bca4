-- Types, trims and flags every raw line; lines that break the contract go to quarantine instead.
-- Nothing is dropped: every raw line ends up in exactly one of the two tables.
create or replace temp table typed_lines as
with source as (
    select * from raw_sales_lines
),
parsed as (
    select
        source_file,
        line_number,
        nullif(trim(invoice_no), '') as invoice_no,
        upper(nullif(trim(stock_code), '')) as stock_code,
        nullif(trim(description), '') as description,
        try_cast(trim(quantity) as integer) as quantity,
        coalesce(
            try_strptime(trim(invoice_date), '%m/%d/%Y %H:%M'),
            try_strptime(trim(invoice_date), '%m/%d/%y %H:%M'),
            try_cast(trim(invoice_date) as timestamp)
        ) as invoiced_at,
        try_cast(trim(unit_price) as decimal(18, 3)) as unit_price,
        try_cast(try_cast(nullif(trim(customer_id), '') as double) as bigint) as customer_id,
        nullif(trim(country), '') as country,
        raw_sales_lines as raw
    from source as raw_sales_lines
),
checked as (
    select
        *,
        case
            when invoice_no is null then 'missing invoice number'
            when stock_code is null then 'missing stock code'
            when quantity is null then 'quantity is not a whole number'
            when invoiced_at is null then 'invoice date not understood'
            when unit_price is null then 'unit price is not a number'
            when raw.customer_id is not null and trim(raw.customer_id) <> '' and customer_id is null then 'customer id is not a number'
            when country is null then 'missing country'
        end as reason,
        case
            when invoice_no is null then 'InvoiceNo'
            when stock_code is null then 'StockCode'
            when quantity is null then 'Quantity'
            when invoiced_at is null then 'InvoiceDate'
            when unit_price is null then 'UnitPrice'
            when raw.customer_id is not null and trim(raw.customer_id) <> '' and customer_id is null then 'CustomerID'
            when country is null then 'Country'
        end as column_name
    from parsed
)
select * from checked;

create or replace table quarantine as
select
    source_file,
    line_number,
    reason,
    column_name,
    to_json(raw)::varchar as raw_values
from typed_lines
where reason is not null
order by source_file, line_number;

create or replace table stg_sales_lines as
with valid as (
    select * exclude (raw, reason, column_name) from typed_lines where reason is null
),
flagged as (
    select
        row_number() over (order by source_file, line_number) as line_id,
        source_file,
        line_number,
        invoice_no,
        stock_code,
        description,
        quantity,
        invoiced_at,
        unit_price,
        (quantity * unit_price)::decimal(18, 3) as line_amount,
        customer_id,
        country,
        starts_with(invoice_no, 'C') as is_cancellation,
        starts_with(invoice_no, 'A') as is_adjustment,
        (stock_code in ('POST', 'DOT', 'M', 'D', 'C2', 'S', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'PADS', 'B')
            or stock_code like 'GIFT\_%' escape '\'
            or stock_code like 'DCGS%') as is_service,
        row_number() over (
            partition by invoice_no, stock_code, description, quantity, invoiced_at, unit_price, customer_id, country
            order by source_file, line_number
        ) > 1 as is_duplicate,
        customer_id is null as is_guest,
        unit_price <= 0 as is_nonpositive_price
    from valid
)
select * from flagged
order by line_id;

drop table typed_lines;
