-- Every cancellation line with the order line(s) it was matched to; the part that found no order is a
-- row of its own (order_line_id null), so no cancelled unit is dropped.
create or replace table fact_cancellation as
with cancellations as (
    select * from stg_sales_lines where is_cancellation
),
sales as (
    select * from stg_sales_lines where not is_cancellation and not is_adjustment and quantity > 0
),
pairs as (
    select * from match_pairs
),
matched_per_cancellation as (
    select cancellation_line_id, sum(quantity) as matched_quantity, count(*) as matches
    from pairs
    group by cancellation_line_id
),
with_prior_order as (
    -- cancellations whose customer bought the product before, even if those units were already cancelled
    select c.line_id
    from cancellations as c
    semi join sales as o
        on o.customer_id = c.customer_id and o.stock_code = c.stock_code and o.invoiced_at <= c.invoiced_at
),
labelled as (
    select
        c.*,
        -c.quantity as cancelled_units,
        coalesce(m.matched_quantity, 0) as matched_quantity,
        coalesce(m.matches, 0) as matches,
        case
            when c.customer_id is null then 'unmatched_no_customer'
            when coalesce(m.matched_quantity, 0) >= -c.quantity then 'matched'
            when m.matched_quantity > 0 then 'partially_matched'
            when c.line_id in (select line_id from with_prior_order) then 'unmatched_already_cancelled'
            else 'unmatched_no_prior_order'
        end as match_label
    from cancellations as c
    left join matched_per_cancellation as m on m.cancellation_line_id = c.line_id
),
matched_rows as (
    select
        l.line_id as cancellation_line_id,
        p.match_no,
        p.order_line_id,
        p.quantity,
        o.invoice_no as order_invoice_no,
        o.invoiced_at as ordered_at,
        o.unit_price as order_unit_price
    from pairs as p
    join labelled as l on l.line_id = p.cancellation_line_id
    join sales as o on o.line_id = p.order_line_id
),
unmatched_rows as (
    select
        line_id as cancellation_line_id,
        matches + 1 as match_no,
        null::bigint as order_line_id,
        (cancelled_units - matched_quantity)::integer as quantity,
        null::varchar as order_invoice_no,
        null::timestamp as ordered_at,
        null::decimal(18, 3) as order_unit_price
    from labelled
    where cancelled_units <> matched_quantity
),
all_rows as (
    select * from matched_rows
    union all
    select * from unmatched_rows
)
select
    r.cancellation_line_id,
    r.match_no::integer as match_no,
    l.invoice_no as cancellation_invoice_no,
    r.order_line_id,
    r.order_invoice_no,
    l.customer_id,
    l.stock_code,
    l.country,
    l.invoiced_at as cancelled_at,
    (year(l.invoiced_at) * 10000 + month(l.invoiced_at) * 100 + day(l.invoiced_at))::integer as date_key,
    r.ordered_at,
    date_diff('day', r.ordered_at::date, l.invoiced_at::date)::integer as days_to_cancel,
    r.quantity::integer as quantity,
    (r.quantity * l.unit_price)::decimal(18, 3) as cancelled_amount,
    (r.quantity * r.order_unit_price)::decimal(18, 3) as order_amount,
    r.order_line_id is not null as is_matched,
    l.match_label
from all_rows as r
join labelled as l on l.line_id = r.cancellation_line_id
order by r.cancellation_line_id, r.match_no;
