-- Out-of-time quality of the 'before' recommendations: customers with purchases before the cutoff
-- and from it on; a hit is a recommended product bought from the cutoff on.
create or replace table recommendation_metrics as
with params as (
    select * from action_param
),
bought_after as (
    select distinct l.customer_id, l.stock_code
    from action_line as l, params as p
    where l.units > 0 and l.customer_id is not null and l.invoiced_at >= p.cutoff
),
evaluated as (
    select distinct r.customer_id
    from action_recommendation as r
    semi join bought_after as a using (customer_id)
    where r.scope = 'before'
),
method as (
    select unnest(['association_rules', 'most_popular']) as method
),
scored as (
    -- every evaluated customer under every method, so a method that recommends nothing scores a miss
    select m.method, e.customer_id, count(a.stock_code) as bought, coalesce(bool_or(r.kind = 1), false) as has_rule
    from evaluated as e
    cross join method as m
    left join action_recommendation as r on r.scope = 'before' and r.method = m.method and r.customer_id = e.customer_id
    left join bought_after as a on a.customer_id = r.customer_id and a.stock_code = r.stock_code
    group by m.method, e.customer_id
),
rule_count as (
    select count(*) as rules from action_rule where scope = 'before'
)
select
    s.method,
    p.cutoff::date as cutoff_date,
    count(*)::integer as customers,
    count(*) filter (where s.bought > 0)::integer as hits,
    count(*) filter (where s.bought > 0) / count(*) as hit_rate_at_5,
    -- from integer sums: a parallel sum of doubles can differ in the last bit from run to run
    sum(s.bought) / (count(*) * p.top_k) as precision_at_5,
    count(*) filter (where s.has_rule) / count(*) as rule_coverage,
    (case when s.method = 'association_rules' then any_value(rc.rules) else 0 end)::integer as rules,
    p.min_support::double as min_support,
    p.min_confidence::double as min_confidence,
    p.max_basket_products::integer as max_basket_products
from scored as s, params as p, rule_count as rc
group by s.method, p.cutoff, p.top_k, p.min_support, p.min_confidence, p.max_basket_products
order by s.method;
