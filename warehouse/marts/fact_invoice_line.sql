-- The sales facts: one row per valid staged line (guest sales, cancellations and duplicates flagged, not dropped).
create or replace table fact_invoice_line as
with lines as (
    select * from stg_sales_lines
)
select
    line_id,
    invoice_no,
    stock_code,
    customer_id,
    country,
    invoiced_at,
    invoiced_at::date as invoice_date,
    quantity,
    unit_price,
    line_amount,
    is_cancellation,
    is_adjustment,
    is_service,
    is_duplicate,
    is_guest
from lines
order by line_id;
