-- Revenue per calendar month (definitions: warehouse/CANCELLATIONS.md, "Revenue"): sales dated by the
-- order, matched cancellations taken off the month of the order they cancel.
create or replace table mart_monthly_revenue as
with orders as (
    select *, date_key // 100 as month_key from fact_invoice where invoice_type = 'sale'
),
unmatched as (
    select date_key // 100 as month_key, sum(cancelled_amount) as unmatched_cancelled_amount
    from fact_cancellation
    where not is_matched
    group by 1
),
cohorts as (
    select cohort_month as year_month, count(*) as new_customers from dim_customer where has_purchase group by 1
),
data_end as (
    select max(invoiced_at)::date as last_day from fact_invoice_line
),
monthly as (
    select
        month_key,
        count(*) as orders,
        count(distinct customer_id) filter (where has_real_purchase) as customers,
        sum(items_sold) as items_sold,
        sum(gross_amount) as gross_amount,
        coalesce(sum(gross_amount) filter (where is_guest), 0) as guest_gross_amount,
        sum(cancelled_amount) as cancelled_amount
    from orders
    group by month_key
),
named as (
    select
        m.*,
        make_date(m.month_key // 100, m.month_key % 100, 1) as month_start,
        coalesce(u.unmatched_cancelled_amount, 0) as unmatched_cancelled_amount
    from monthly as m
    left join unmatched as u using (month_key)
)
select
    strftime(n.month_start, '%Y-%m') as year_month,
    n.month_start,
    n.orders::integer as orders,
    n.customers::integer as customers,
    coalesce(c.new_customers, 0)::integer as new_customers,
    n.items_sold::bigint as items_sold,
    n.gross_amount::decimal(18, 3) as gross_amount,
    n.guest_gross_amount::decimal(18, 3) as guest_gross_amount,
    n.cancelled_amount::decimal(18, 3) as cancelled_amount,
    (n.gross_amount - n.cancelled_amount)::decimal(18, 3) as net_amount,
    n.unmatched_cancelled_amount::decimal(18, 3) as unmatched_cancelled_amount,
    (n.gross_amount / n.orders)::decimal(18, 3) as average_order_value,
    ((n.gross_amount - n.cancelled_amount) / nullif(lag(n.gross_amount - n.cancelled_amount) over (order by n.month_key), 0) - 1)::double as net_growth_rate,
    last_day(n.month_start) > (select last_day from data_end) as is_partial_month
from named as n
left join cohorts as c on c.year_month = strftime(n.month_start, '%Y-%m')
order by n.month_key;
