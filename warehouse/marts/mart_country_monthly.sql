-- Orders, customers and revenue per country and month (sales dated by the order).
create or replace table mart_country_monthly as
with invoices as (
    select *, date_key // 100 as month_key from fact_invoice
),
monthly as (
    select
        country,
        month_key,
        count(*) filter (where invoice_type = 'sale') as orders,
        count(distinct customer_id) filter (where has_real_purchase) as customers,
        sum(gross_amount) filter (where invoice_type = 'sale') as gross_amount,
        sum(cancelled_amount) filter (where invoice_type = 'sale') as cancelled_amount,
        count(*) filter (where invoice_type = 'cancellation') as cancellation_invoices
    from invoices
    group by country, month_key
)
select
    country,
    strftime(make_date(month_key // 100, month_key % 100, 1), '%Y-%m') as year_month,
    orders::integer as orders,
    customers::integer as customers,
    gross_amount::decimal(18, 3) as gross_amount,
    cancelled_amount::decimal(18, 3) as cancelled_amount,
    (gross_amount - cancelled_amount)::decimal(18, 3) as net_amount,
    (gross_amount / orders)::decimal(18, 3) as average_order_value,
    (cancelled_amount / nullif(gross_amount, 0))::double as cancellation_rate,
    cancellation_invoices::integer as cancellation_invoices
from monthly
where orders > 0
order by country, month_key;
