-- One row per invoice: sales, cancellation (C), bad-debt adjustment (A) and stock-correction invoices.
-- The marts that count orders read this table instead of the 541,909 lines.
create or replace table fact_invoice as
with lines as (
    select * from fact_invoice_line
)
select
    invoice_no,
    -- an invoice has one customer and one country in the data; min() keeps the choice deterministic if not
    min(customer_id) as customer_id,
    min(country) as country,
    min(invoiced_at) as invoiced_at,
    (year(min(invoiced_at)) * 10000 + month(min(invoiced_at)) * 100 + day(min(invoiced_at)))::integer as date_key,
    case
        when bool_or(is_cancellation) then 'cancellation'
        when bool_or(is_adjustment) then 'adjustment'
        when bool_or(line_type = 'sale') then 'sale'
        else 'stock_correction'
    end as invoice_type,
    count(*)::integer as line_count,
    count(distinct stock_code)::integer as product_count,
    sum(quantity)::bigint as item_count,
    coalesce(sum(quantity) filter (where line_type = 'sale'), 0)::bigint as items_sold,
    sum(line_amount)::decimal(18, 3) as invoice_amount,
    coalesce(sum(line_amount) filter (where line_type = 'sale'), 0)::decimal(18, 3) as gross_amount,
    sum(cancelled_quantity)::bigint as cancelled_quantity,
    sum(cancelled_amount)::decimal(18, 3) as cancelled_amount,
    sum(net_line_amount)::decimal(18, 3) as net_amount,
    bool_or(is_cancellation) as is_cancellation,
    -- a sales invoice every sold unit of which was later cancelled
    coalesce(bool_or(line_type = 'sale') and sum(net_quantity) filter (where line_type = 'sale') = 0, false) as is_fully_cancelled,
    sum(cancelled_quantity) > 0 as has_cancellation,
    bool_or(is_guest) as is_guest
from lines
group by invoice_no
order by invoice_no;
