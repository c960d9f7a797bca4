-- Recency, frequency and monetary value per known customer, from non-cancelled lines.
create or replace table customer_rfm as
with purchases as (
    select * from fact_invoice_line where not is_guest and not is_cancellation
),
as_of as (
    select max(invoiced_at)::date + 1 as snapshot_date from fact_invoice_line
),
per_customer as (
    select
        customer_id,
        count(distinct invoice_no) as frequency,
        sum(line_amount) as monetary,
        min(invoiced_at) as first_purchase_at,
        max(invoiced_at) as last_purchase_at
    from purchases
    group by customer_id
)
select
    customer_id,
    date_diff('day', last_purchase_at::date, (select snapshot_date from as_of))::integer as recency_days,
    frequency::integer as frequency,
    monetary::decimal(18, 3) as monetary,
    first_purchase_at,
    last_purchase_at
from per_customer
order by customer_id;
