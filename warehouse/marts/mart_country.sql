-- Orders, customers and revenue per country over the whole data, with its codes for maps.
create or replace table mart_country as
with invoices as (
    select * from fact_invoice
),
per_country as (
    select
        country,
        count(*) filter (where invoice_type = 'sale') as orders,
        count(distinct customer_id) filter (where has_real_purchase) as customers,
        coalesce(sum(gross_amount) filter (where invoice_type = 'sale'), 0) as gross_amount,
        coalesce(sum(gross_amount) filter (where invoice_type = 'sale' and is_guest), 0) as guest_gross_amount,
        coalesce(sum(cancelled_amount) filter (where invoice_type = 'sale'), 0) as cancelled_amount,
        count(*) filter (where invoice_type = 'cancellation') as cancellation_invoices
    from invoices
    group by country
),
countries as (
    select * from dim_country
),
measured as (
    select d.*, p.* exclude (country), coalesce(p.gross_amount, 0) - coalesce(p.cancelled_amount, 0) as net_amount
    from countries as d
    left join per_country as p using (country)
)
select
    country,
    country_name,
    iso_alpha2,
    iso_alpha3,
    region,
    market,
    coalesce(orders, 0)::integer as orders,
    coalesce(customers, 0)::integer as customers,
    coalesce(gross_amount, 0)::decimal(18, 3) as gross_amount,
    coalesce(guest_gross_amount, 0)::decimal(18, 3) as guest_gross_amount,
    coalesce(cancelled_amount, 0)::decimal(18, 3) as cancelled_amount,
    net_amount::decimal(18, 3) as net_amount,
    (gross_amount / nullif(orders, 0))::decimal(18, 3) as average_order_value,
    (cancelled_amount / nullif(gross_amount, 0))::double as cancellation_rate,
    coalesce(cancellation_invoices, 0)::integer as cancellation_invoices,
    coalesce(net_amount / nullif(sum(net_amount) over (), 0), 0)::double as net_revenue_share,
    rank() over (order by net_amount desc)::integer as net_revenue_rank
from measured
order by country;
