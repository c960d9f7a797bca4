-- The sales facts: one row per valid staged line (guest sales, cancellations and duplicates flagged,
-- not dropped), with the units later cancelled (from the cancellation match) and what remains.
-- Stored in line_id order (see the end), which publish relies on to copy it without sorting again.
create or replace table fact_invoice_line as
with lines as (
    select * from stg_sales_lines
),
cancelled_per_order_line as (
    select order_line_id, sum(quantity) as cancelled_quantity
    from fact_cancellation
    where is_matched
    group by order_line_id
),
per_cancellation_line as (
    select
        cancellation_line_id,
        sum(quantity) filter (where not is_matched) as unmatched_quantity,
        any_value(match_label) as match_label
    from fact_cancellation
    group by cancellation_line_id
),
typed as (
    select
        l.*,
        case
            when l.is_cancellation then 'cancellation'
            when l.is_adjustment then 'adjustment'
            when l.quantity > 0 then 'sale'
            else 'stock_correction'
        end as line_type,
        coalesce(o.cancelled_quantity, 0) as cancelled_quantity,
        coalesce(c.unmatched_quantity, 0) as unmatched_quantity,
        c.match_label
    from lines as l
    left join cancelled_per_order_line as o on o.order_line_id = l.line_id
    left join per_cancellation_line as c on c.cancellation_line_id = l.line_id
),
netted as (
    select
        *,
        -- a sale keeps what was not cancelled; a cancellation keeps only the units no order took
        case
            when line_type = 'sale' then quantity - cancelled_quantity
            when line_type = 'cancellation' then -unmatched_quantity
            else quantity
        end as net_quantity
    from typed
)
select
    line_id,
    invoice_no,
    stock_code,
    customer_id,
    country,
    invoiced_at,
    invoiced_at::date as invoice_date,
    (year(invoiced_at) * 10000 + month(invoiced_at) * 100 + day(invoiced_at))::integer as date_key,
    quantity,
    unit_price,
    line_amount,
    is_cancellation,
    is_adjustment,
    is_service,
    is_duplicate,
    is_guest,
    line_type,
    cancelled_quantity::integer as cancelled_quantity,
    net_quantity::integer as net_quantity,
    (net_quantity * unit_price)::decimal(18, 3) as net_line_amount,
    (cancelled_quantity * unit_price)::decimal(18, 3) as cancelled_amount,
    match_label as cancellation_label
from netted
-- Sorted, the rows reach the table in full row groups that DuckDB writes as they come, and the
-- table is stored in line order, which publish relies on (storedInKeyOrder in the spec).
order by line_id;
