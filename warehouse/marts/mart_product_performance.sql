-- Best sellers by units and by revenue, with cancellations. Ranks are over products only (service
-- codes such as postage get no rank); high cancellation rate = above Q3 + 1.5 x IQR of products
-- sold on >= 20 lines.
create or replace table mart_product_performance as
-- Not materialized: a copy of every sales line costs more than reading the table three times.
with sales as not materialized (
    select * from fact_invoice_line where line_type = 'sale'
),
-- Distinct orders and customers per product as grouped aggregates of their own: count(distinct)
-- inside the product aggregate keeps a hash table per group and per column.
product_orders as (
    select stock_code, count(*) as orders from (select stock_code, invoice_no from sales group by all) group by stock_code
),
product_customers as (
    select stock_code, count(customer_id) as customers from (select stock_code, customer_id from sales group by all) group by stock_code
),
per_product as (
    select
        p.stock_code,
        p.sales_lines,
        o.orders,
        c.customers,
        p.quantity_sold,
        p.net_quantity,
        p.gross_amount,
        p.cancelled_amount,
        p.net_amount
    from (
        select
            stock_code,
            count(*) as sales_lines,
            sum(quantity) as quantity_sold,
            sum(net_quantity) as net_quantity,
            sum(line_amount) as gross_amount,
            sum(cancelled_amount) as cancelled_amount,
            sum(net_line_amount) as net_amount
        from sales
        group by stock_code
    ) as p
    join product_orders as o using (stock_code)
    join product_customers as c using (stock_code)
),
measured as (
    select
        p.*,
        d.description,
        d.category,
        d.is_service,
        p.cancelled_amount / nullif(p.gross_amount, 0) as cancellation_rate,
        p.sales_lines >= 20 and not d.is_service as has_volume
    from per_product as p
    join dim_product as d using (stock_code)
),
threshold as (
    select
        quantile_cont(cancellation_rate, 0.75) + 1.5 * (quantile_cont(cancellation_rate, 0.75) - quantile_cont(cancellation_rate, 0.25)) as rate_threshold
    from measured
    where has_volume and cancellation_rate is not null
),
ranked as (
    select
        *,
        case when not is_service then rank() over (partition by is_service order by net_quantity desc) end as quantity_rank,
        case when not is_service then rank() over (partition by is_service order by net_amount desc) end as revenue_rank
    from measured
)
select
    r.stock_code,
    r.description,
    r.category,
    r.is_service,
    r.sales_lines::integer as sales_lines,
    r.orders::integer as orders,
    r.customers::integer as customers,
    r.quantity_sold::bigint as quantity_sold,
    r.net_quantity::bigint as net_quantity,
    r.gross_amount::decimal(18, 3) as gross_amount,
    r.cancelled_amount::decimal(18, 3) as cancelled_amount,
    r.net_amount::decimal(18, 3) as net_amount,
    r.quantity_rank::integer as quantity_rank,
    r.revenue_rank::integer as revenue_rank,
    r.cancellation_rate::double as cancellation_rate,
    coalesce(r.has_volume and r.cancellation_rate > t.rate_threshold, false) as is_high_cancellation,
    t.rate_threshold::double as cancellation_rate_threshold
from ranked as r
cross join threshold as t
order by r.stock_code;
