-- Unusual country days and customers. Days: a robust z-score of log(1 + amount) against the
-- country's own trading days (median and MAD; when the MAD is 0, as for cancellations in a country
-- that rarely cancels, 1.2533 x the mean absolute deviation stands in, after Iglewicz and Hoaglin).
-- Customers: a high cancelled share of ordered value, or an extreme mean basket (units per invoice).
-- One definition of the score for both rules: 0.6745 x (x - median) / MAD, or, where the MAD is 0,
-- (x - median) / (1.2533 x mean absolute deviation).
create or replace temp macro robust_z(x, med, mad, mean_abs_dev) as
    case
        when mad > 0 then 0.6745 * (x - med) / mad
        when mean_abs_dev > 0 then (x - med) / (1.2533 * mean_abs_dev)
    end;

create or replace table anomaly as
with rules as (
    select 3.5 as z_limit, 30 as min_days, 0.5 as share_limit, 2 as min_cancelled_lines
),
lines as (
    select * from fact_invoice_line where not is_duplicate
),
daily as (
    select
        country,
        invoice_date as day,
        greatest(coalesce(sum(line_amount) filter (where not is_cancellation and not is_adjustment and quantity > 0), 0), 0)::double as revenue,
        greatest(coalesce(sum(-line_amount) filter (where is_cancellation), 0), 0)::double as cancelled
    from lines
    group by country, invoice_date
),
daily_measures as (
    select country, day, 'country_day_revenue' as anomaly_type, revenue as value from daily
    union all
    select country, day, 'country_day_cancellations', cancelled from daily
),
logged as (
    select *, ln(1 + value) as x from daily_measures
),
country_stats as (
    select country, anomaly_type, count(*) as days, median(x) as med, mad(x) as mad, median(value) as typical
    from logged
    group by country, anomaly_type
),
with_spread as (
    -- summed as DECIMAL: a parallel sum of doubles can differ in the last bit between runs
    select s.*, avg(abs(l.x - s.med)::decimal(30, 12))::double as mean_abs_dev
    from country_stats as s
    join logged as l using (country, anomaly_type)
    group by all
),
day_scores as (
    select
        l.*,
        s.typical,
        robust_z(l.x, s.med, s.mad, s.mean_abs_dev) as robust_z
    from logged as l
    join with_spread as s using (country, anomaly_type)
    where s.days >= (select min_days from rules)
),
day_anomalies as (
    select
        anomaly_type,
        country,
        day as anomaly_date,
        null::bigint as customer_id,
        value,
        typical as typical_value,
        robust_z,
        case when robust_z > 0 then 'high' else 'low' end as direction,
        format('|robust z of log(1 + {}) vs the country''s trading days| > {} (median/MAD; countries with >= {} trading days)',
               case when anomaly_type = 'country_day_revenue' then 'revenue' else 'cancelled value' end,
               (select z_limit from rules), (select min_days from rules)) as rule
    from day_scores
    where abs(robust_z) > (select z_limit from rules)
      -- a quiet day without cancellations is not an anomaly
      and (anomaly_type = 'country_day_revenue' or robust_z > 0)
),
customer_lines as (
    select * from lines where customer_id is not null
),
per_customer as (
    select
        customer_id,
        sum(line_amount) filter (where not is_cancellation and not is_adjustment and quantity > 0)::double as ordered,
        sum(-line_amount) filter (where is_cancellation)::double as cancelled,
        count(*) filter (where is_cancellation) as cancelled_lines,
        sum(quantity) filter (where not is_cancellation and not is_adjustment and quantity > 0)::double
            / nullif(count(distinct invoice_no) filter (where not is_cancellation and not is_adjustment and quantity > 0), 0) as basket_units
    from customer_lines
    group by customer_id
),
shares as (
    select customer_id, cancelled / ordered as share, cancelled_lines
    from per_customer
    where ordered > 0
),
share_anomalies as (
    select
        'customer_cancellation_share' as anomaly_type,
        null::varchar as country,
        null::date as anomaly_date,
        customer_id,
        share as value,
        (select median(share) from shares) as typical_value,
        null::double as robust_z,
        'high' as direction,
        format('cancelled value / ordered value >= {} with at least {} cancelled lines',
               (select share_limit from rules), (select min_cancelled_lines from rules)) as rule
    from shares
    where share >= (select share_limit from rules) and cancelled_lines >= (select min_cancelled_lines from rules)
),
baskets as (
    select customer_id, basket_units, ln(basket_units) as x from per_customer where basket_units > 0
),
basket_stats as (
    select median(x) as med, mad(x) as mad, median(basket_units) as typical from baskets
),
basket_spread as (
    select s.med, s.mad, s.typical, avg(abs(b.x - s.med)::decimal(30, 12))::double as mean_abs_dev
    from baskets as b
    cross join basket_stats as s
    group by all
),
basket_scores as (
    select
        b.*,
        s.typical,
        robust_z(b.x, s.med, s.mad, s.mean_abs_dev) as robust_z
    from baskets as b
    cross join basket_spread as s
),
basket_anomalies as (
    select
        'customer_basket_size' as anomaly_type,
        null::varchar as country,
        null::date as anomaly_date,
        customer_id,
        basket_units as value,
        typical as typical_value,
        robust_z,
        case when robust_z > 0 then 'high' else 'low' end as direction,
        format('|robust z of log mean units per invoice vs all customers| > {} (median/MAD)', (select z_limit from rules)) as rule
    from basket_scores
    where abs(robust_z) > (select z_limit from rules)
),
all_anomalies as (
    select * from day_anomalies
    union all
    select * from share_anomalies
    union all
    select * from basket_anomalies
)
select
    concat_ws('|', anomaly_type, country, strftime(anomaly_date, '%Y-%m-%d'), customer_id::varchar) as anomaly_id,
    anomaly_type,
    country,
    anomaly_date,
    customer_id,
    value::double as value,
    typical_value::double as typical_value,
    robust_z::double as robust_z,
    direction,
    rule
from all_anomalies
order by anomaly_id;
