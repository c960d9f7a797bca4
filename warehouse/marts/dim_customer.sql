-- Known customers: every customer number in the data, including the few whose only invoices are
-- cancellations. Guest sales (no customer number) have no row here; their facts carry a null key.
create or replace table dim_customer as
-- Not materialized: DuckDB copies a CTE that is used more than once, and a copy of every line
-- cost more time and memory than reading the table in place (at 100x, 23 s and 3 GB in dim_product).
with invoices as not materialized (
    select * from fact_invoice where customer_id is not null
),
invoices_per_country as (
    select customer_id, country, count(*) as invoices, max(invoiced_at) as last_at
    from invoices
    group by customer_id, country
),
home_country as (
    -- the country on most of the customer's invoices; a tie goes to the most recent invoice
    select
        customer_id,
        arg_max(country, struct_pack(invoices := invoices, last_at := last_at, country := country)) as country,
        count(*) as country_count
    from invoices_per_country
    group by customer_id
),
per_customer as (
    select
        customer_id,
        min(invoiced_at) as first_seen_at,
        -- purchases are real purchases: £0, service-only and test-only invoices make no customer
        min(invoiced_at) filter (where has_real_purchase) as first_purchase_at,
        max(invoiced_at) filter (where has_real_purchase) as last_purchase_at,
        count(*) filter (where has_real_purchase) as order_count
    from invoices
    group by customer_id
)
select
    p.customer_id,
    h.country,
    h.country_count::integer as country_count,
    p.first_seen_at,
    p.first_purchase_at,
    p.last_purchase_at,
    strftime(p.first_purchase_at, '%Y-%m') as cohort_month,
    p.order_count::integer as order_count,
    p.order_count > 0 as has_purchase
from per_customer as p
join home_country as h using (customer_id)
order by p.customer_id;
