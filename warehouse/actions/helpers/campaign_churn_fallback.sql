-- Fallback churn probability when churn_prediction is absent: the churn rate, measured out of time,
-- of customers who stood in the same recency and frequency band one window earlier. Snapshot at
-- (day after the last invoice - window): customers with a purchase before it, banded; churned = no
-- purchase in the window after it. Rates are smoothed (churned + 1) / (customers + 2) so a thin band
-- stays off 0 and 1; a band nobody stood in gets the overall rate.
create or replace temp table action_churn as
with params as (
    select * from action_param
),
purchase as (
    select distinct customer_id, invoice_no, invoice_date
    from action_line
    where customer_id is not null and units > 0
),
bounds as (
    select max(invoiced_at)::date + 1 as as_of, max(invoiced_at)::date + 1 - (select churn_window_days from params) as snapshot
    from fact_invoice_line
),
past as (
    select p.customer_id,
           date_diff('day', max(p.invoice_date), any_value(b.snapshot)) as recency_days,
           count(distinct p.invoice_no) as frequency
    from purchase as p, bounds as b
    where p.invoice_date < b.snapshot
    group by p.customer_id
),
came_back as (
    select distinct p.customer_id
    from purchase as p, bounds as b
    where p.invoice_date >= b.snapshot
),
now as (
    select p.customer_id, date_diff('day', max(p.invoice_date), any_value(b.as_of)) as recency_days, count(distinct p.invoice_no) as frequency
    from purchase as p, bounds as b
    group by p.customer_id
),
banded as (
    select
        'past' as snapshot, customer_id,
        case when recency_days <= 30 then 1 when recency_days <= 60 then 2 when recency_days <= 90 then 3 when recency_days <= 180 then 4 else 5 end as recency_band,
        case when frequency = 1 then 1 when frequency <= 3 then 2 when frequency <= 9 then 3 else 4 end as frequency_band
    from past
    union all
    select
        'now' as snapshot, customer_id,
        case when recency_days <= 30 then 1 when recency_days <= 60 then 2 when recency_days <= 90 then 3 when recency_days <= 180 then 4 else 5 end,
        case when frequency = 1 then 1 when frequency <= 3 then 2 when frequency <= 9 then 3 else 4 end
    from now
),
labelled as (
    select b.recency_band, b.frequency_band, (c.customer_id is null)::integer as churned
    from banded as b
    left join came_back as c using (customer_id)
    where b.snapshot = 'past'
),
rate as (
    select recency_band, frequency_band, (sum(churned) + 1) / (count(*) + 2) as probability
    from labelled
    group by recency_band, frequency_band
),
overall as (
    select coalesce((sum(churned) + 1) / (count(*) + 2), 0.5) as probability from labelled
)
select
    b.customer_id,
    coalesce(r.probability, o.probability) as probability,
    case
        when coalesce(r.probability, o.probability) >= p.band_high then 'High'
        when coalesce(r.probability, o.probability) >= p.band_medium then 'Medium'
        else 'Low'
    end as risk_band
from banded as b
left join rate as r using (recency_band, frequency_band)
cross join overall as o
cross join params as p
where b.snapshot = 'now';
