-- The campaign list: every customer of customer_rfm with segment, churn probability, expected value,
-- revenue at stake and the action of campaign_rule; and the totals per action. Reads the uniform
-- temp tables action_segment, action_churn and action_value (filled from the models or from the
-- stated fallbacks) and customer_recommendation for the suggested products.
create or replace table campaign_list as
with params as (
    select * from action_param
),
churn as (
    -- a customer the churn table does not know gets its mean probability
    select r.customer_id, coalesce(c.probability, (select (sum(probability::decimal(38, 15)) / count(*))::double from action_churn), 0.5) as probability, c.risk_band
    from customer_rfm as r
    left join action_churn as c using (customer_id)
),
suggestion as (
    select customer_id, string_agg(coalesce(description, stock_code) || ' (' || stock_code || ')', '; ' order by rank) as suggested_products
    from customer_recommendation
    where rank <= (select suggestions from params)
    group by customer_id
),
listed as (
    select
        r.customer_id,
        d.country,
        s.segment,
        s.persona,
        least(greatest(c.probability, 0), 1) as churn_probability,
        coalesce(
            c.risk_band,
            case when c.probability >= p.band_high then 'High' when c.probability >= p.band_medium then 'Medium' else 'Low' end
        ) as risk_band,
        greatest(coalesce(v.expected_value, 0), 0)::decimal(18, 3) as expected_value,
        r.last_purchase_at,
        r.recency_days,
        g.suggested_products,
        p.churn_source,
        p.value_source
    from customer_rfm as r
    join dim_customer as d using (customer_id)
    join action_segment as s using (customer_id)
    join churn as c using (customer_id)
    left join action_value as v using (customer_id)
    left join suggestion as g using (customer_id)
    cross join params as p
)
select
    l.customer_id,
    l.country,
    l.segment,
    l.persona,
    l.churn_probability,
    l.risk_band,
    l.expected_value,
    (l.expected_value * l.churn_probability)::decimal(18, 3) as revenue_at_stake,
    l.last_purchase_at,
    l.recency_days,
    k.action,
    l.suggested_products,
    l.churn_source,
    l.value_source
from listed as l
join campaign_rule as k using (segment, risk_band)
order by l.customer_id;

create or replace table campaign_summary as
select
    a.action,
    a.action_order::integer as action_order,
    count(l.customer_id)::integer as customers,
    coalesce(sum(l.expected_value), 0)::decimal(18, 3) as expected_value,
    coalesce(sum(l.revenue_at_stake), 0)::decimal(18, 3) as revenue_at_stake,
    -- summed as fixed-point decimals: a parallel sum of doubles can differ in the last bit between runs
    (sum(l.churn_probability::decimal(38, 15)) / count(l.customer_id))::double as mean_churn_probability,
    any_value(p.churn_source) as churn_source,
    any_value(p.value_source) as value_source
from action_action as a
left join campaign_list as l using (action)
cross join action_param as p
group by a.action, a.action_order
order by a.action;
