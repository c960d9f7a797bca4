-- How each customer buys: frequency, order value, basket size and cancellations. Customers with at
-- least one purchase; high cancellation rate = above Q3 + 1.5 x IQR of customers with >= 5 orders.
create or replace table mart_customer_behaviour as
with baskets as (
    -- one basket per sales invoice of a known customer
    select
        customer_id,
        invoice_no,
        invoiced_at as ordered_at,
        items_sold as items,
        product_count as products,
        gross_amount,
        cancelled_amount,
        gross_amount - cancelled_amount as net_amount
    from fact_invoice
    where invoice_type = 'sale' and customer_id is not null
      -- only customers with a real purchase count (dim_customer.has_purchase); all their orders do
      and customer_id in (select customer_id from dim_customer where has_purchase)
),
data_end as (
    select max(invoiced_at) as last_at from fact_invoice_line
),
per_customer as (
    select
        customer_id,
        count(*) as orders,
        min(ordered_at) as first_purchase_at,
        max(ordered_at) as last_purchase_at,
        count(distinct strftime(ordered_at, '%Y-%m')) as active_months,
        sum(items) as items,
        avg(items) as average_basket_items,
        avg(products) as average_basket_products,
        sum(gross_amount) as gross_amount,
        sum(cancelled_amount) as cancelled_amount,
        sum(net_amount) as net_amount
    from baskets
    group by customer_id
),
measured as (
    select
        p.*,
        -- months observed: from the first purchase to the end of the data, at least one
        greatest(date_diff('day', p.first_purchase_at, (select last_at from data_end)) / 30.4375, 1) as months_observed,
        p.cancelled_amount / nullif(p.gross_amount, 0) as cancellation_rate,
        p.orders >= 5 as has_volume
    from per_customer as p
),
threshold as (
    select
        quantile_cont(cancellation_rate, 0.75) + 1.5 * (quantile_cont(cancellation_rate, 0.75) - quantile_cont(cancellation_rate, 0.25)) as rate_threshold
    from measured
    where has_volume and cancellation_rate is not null
)
select
    m.customer_id,
    d.country,
    m.orders::integer as orders,
    m.first_purchase_at,
    m.last_purchase_at,
    date_diff('day', m.last_purchase_at::date, (select last_at from data_end)::date)::integer as recency_days,
    m.active_months::integer as active_months,
    (m.orders / m.months_observed)::double as orders_per_month,
    (date_diff('day', m.first_purchase_at, m.last_purchase_at) / nullif(m.orders - 1, 0))::double as average_days_between_orders,
    m.items::bigint as items,
    m.average_basket_items::double as average_basket_items,
    m.average_basket_products::double as average_basket_products,
    m.gross_amount::decimal(18, 3) as gross_amount,
    m.cancelled_amount::decimal(18, 3) as cancelled_amount,
    m.net_amount::decimal(18, 3) as net_amount,
    (m.gross_amount / m.orders)::decimal(18, 3) as average_order_value,
    m.cancellation_rate::double as cancellation_rate,
    coalesce(m.has_volume and m.cancellation_rate > t.rate_threshold, false) as is_high_cancellation,
    t.rate_threshold::double as cancellation_rate_threshold
from measured as m
join dim_customer as d using (customer_id)
cross join threshold as t
order by m.customer_id;
