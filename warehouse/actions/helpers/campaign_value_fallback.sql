-- Fallback expected 90-day value when customer_lifetime_value is absent: the customer's net product
-- spend of the last 365 days scaled to 90 days, i.e. "next quarter like the last year's average".
create or replace temp table action_value as
with bounds as (
    select max(invoiced_at)::date + 1 as as_of from fact_invoice_line
)
select l.customer_id, (sum(l.amount) * 90 / 365)::decimal(18, 3) as expected_value
from action_line as l, bounds as b
where l.customer_id is not null and l.units > 0 and l.invoice_date >= b.as_of - 365
group by l.customer_id;
