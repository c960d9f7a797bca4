-- The analyst's one-row-per-customer view: who the customer is, how likely they are to leave or grow,
-- what they are worth and what to do about it, so the workbook needs no VLOOKUP between sheets.
-- Ranked by the revenue at stake (expected 90-day value x churn probability), the most valuable
-- customers about to leave first. The dashboard's customer lookup, at-risk, high-value and campaign
-- lists read the same rows.
with campaign as (
    select * from campaign_list
),
high_value as (
    select customer_id, probability as high_value_probability from high_value_prediction
),
lifetime as (
    select customer_id, clv_90d from customer_lifetime_value
),
spend as (
    select customer_id, monetary from customer_rfm
)
select
    campaign.customer_id,
    campaign.country,
    campaign.segment,
    campaign.persona,
    campaign.risk_band,
    campaign.churn_probability,
    lifetime.clv_90d,
    high_value.high_value_probability,
    campaign.revenue_at_stake,
    spend.monetary,
    epoch_ms(campaign.last_purchase_at::timestamp) as last_purchase_at,
    campaign.action,
    campaign.suggested_products
from campaign
left join lifetime using (customer_id)
left join high_value using (customer_id)
left join spend using (customer_id)
order by campaign.revenue_at_stake desc nulls last, campaign.customer_id
limit $limit
