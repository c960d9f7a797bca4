-- The full data set's sale lines in the layout the action SQL reads (fact_invoice_line, fact_cancellation),
-- straight from the file: the rule test needs baskets, not the warehouse. Cancellations are not matched
-- (net_quantity = quantity, no fact_cancellation rows): a rule counts invoices, and a later cancellation
-- removes a whole product from an invoice on about 1% of lines.
create or replace table fact_invoice_line as
with raw as (
    select
        InvoiceNo as invoice_no,
        CustomerID::double::bigint as customer_id,
        upper(StockCode) as stock_code,
        strptime(InvoiceDate, '%m/%d/%Y %H:%M') as invoiced_at,
        Quantity::integer as quantity,
        UnitPrice::decimal(18, 3) as unit_price
    from read_csv($file, header = true, all_varchar = true)
)
select
    row_number() over () as line_id,
    *,
    quantity as net_quantity,
    starts_with(invoice_no, 'C') as is_cancellation,
    starts_with(invoice_no, 'A') as is_adjustment,
    (stock_code in ('POST', 'DOT', 'M', 'D', 'C2', 'S', 'B', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'PADS')
        or stock_code like 'GIFT\_%' escape '\' or stock_code like 'DCGS%' or stock_code like 'ADJUST%' or stock_code like 'TEST%') as is_service,
    false as is_duplicate
from raw;

create or replace table fact_cancellation (order_line_id bigint, quantity integer, cancelled_at timestamp, is_matched boolean);

create or replace table dim_product as
select stock_code, any_value(stock_code) as description, 'Things' as category from fact_invoice_line group by stock_code;
