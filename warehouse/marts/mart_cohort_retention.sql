-- Cohort retention: customers grouped by the month of their first purchase, and the share of each
-- cohort that bought again 0, 1, 2, ... months later (month 0 is the cohort month itself, 100%).
-- Months are numbered year * 12 + month - 1 so that "months since" is a plain difference.
create or replace table mart_cohort_retention as
with activity as (
    select distinct customer_id, (date_key // 10000) * 12 + (date_key // 100) % 100 - 1 as month_n
    from fact_invoice
    where has_real_purchase and customer_id is not null
),
customers as (
    select customer_id, min(month_n) as cohort_n from activity group by customer_id
),
last_month as (
    select max(month_n) as n from activity
),
cohort_sizes as (
    select cohort_n, count(*) as cohort_customers from customers group by cohort_n
),
grid as (
    -- every (cohort, months since) cell up to the last month of the data, so empty cells show as 0
    select cohort_n, unnest(range(0, (select n from last_month) - cohort_n + 1)) as months_since, cohort_customers
    from cohort_sizes
),
active as (
    select c.cohort_n, a.month_n - c.cohort_n as months_since, count(*) as active_customers
    from activity as a
    join customers as c using (customer_id)
    group by all
)
select
    strftime(make_date(g.cohort_n // 12, g.cohort_n % 12 + 1, 1), '%Y-%m') as cohort_month,
    g.months_since::integer as months_since,
    strftime(make_date((g.cohort_n + g.months_since) // 12, (g.cohort_n + g.months_since) % 12 + 1, 1), '%Y-%m') as year_month,
    g.cohort_customers::integer as cohort_customers,
    coalesce(a.active_customers, 0)::integer as active_customers,
    (coalesce(a.active_customers, 0) / g.cohort_customers)::double as retention_rate
from grid as g
left join active as a using (cohort_n, months_since)
order by g.cohort_n, g.months_since;
