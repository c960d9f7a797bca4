-- Top products per customer for both scopes of action_rule ('all' for publishing, 'before' for the
-- out-of-time check), plus the most-popular baseline for the 'before' scope. Products a customer
-- already buys regularly (in at least regular_invoices invoices) are never recommended. Association
-- candidates rank first (best rule: confidence, then lift, then antecedent); empty places are filled
-- with the most popular products (share of invoices), ties broken by stock code.
create or replace temp table action_customer_item as
with counted as (
    select customer_id, item_id, count(*) filter (where in_all) as n_all, count(*) filter (where in_before) as n_before
    from action_basket
    where customer_id is not null
    group by customer_id, item_id
),
returning_customer as (
    -- the 'before' lists only serve the out-of-time check, which can only score customers who buy after the cutoff
    select distinct customer_id from action_invoice where not is_before and customer_id is not null
)
select 'all' as scope, customer_id, item_id, n_all as invoices from counted where n_all > 0
union all
select 'before' as scope, c.customer_id, c.item_id, c.n_before as invoices
from counted as c
semi join returning_customer as r using (customer_id)
where c.n_before > 0;

create or replace temp table action_regular as
select c.scope, c.customer_id, c.item_id
from action_customer_item as c, action_param as p
where c.invoices >= p.regular_invoices;

create or replace temp table action_rule_candidate as
with best_rule as (
    select c.scope, c.customer_id, r.consequent_id as item_id,
           arg_max(r.antecedent_id, struct_pack(c := r.confidence, l := r.lift, a := -r.antecedent_id)) as antecedent_id,
           max(struct_pack(c := r.confidence, l := r.lift)) as best
    from action_customer_item as c
    join action_rule as r on r.scope = c.scope and r.antecedent_id = c.item_id
    group by c.scope, c.customer_id, r.consequent_id
)
select b.scope, b.customer_id, b.item_id, b.antecedent_id, b.best.c as confidence, b.best.l as lift
from best_rule as b
anti join action_regular as g using (scope, customer_id, item_id);

create or replace temp table action_rule_top as
-- A window, not max_by(..., top_k): max_by keeps a top-k heap per customer in memory that does
-- not spill, and in the model step at 100x (6.6 million candidates) it ran out of the memory
-- limit; the window sorts within each customer, spills, and was as fast at 1x and about twice as
-- fast at 10x and 100x.
select
    scope,
    customer_id,
    row_number() over (partition by scope, customer_id order by confidence desc, lift desc, item_id) as rank,
    item_id,
    antecedent_id,
    confidence,
    lift
from action_rule_candidate
qualify rank <= (select top_k from action_param);

create or replace temp table action_popular as
with invoice_count as (
    select 'all' as scope, count(*) filter (where in_all) as invoices from action_invoice
    union all
    select 'before' as scope, count(*) filter (where in_before) from action_invoice
),
item_count as (
    select item_id, count(*) filter (where in_all) as n_all, count(*) filter (where in_before) as n_before from action_basket group by item_id
)
-- a pool large enough that a customer who buys many popular products regularly still gets a full list
select s.scope, i.item_id, case when s.scope = 'all' then i.n_all else i.n_before end as invoices, s.invoices as total,
       row_number() over (partition by s.scope order by case when s.scope = 'all' then i.n_all else i.n_before end desc, i.item_id) as popularity_rank
from item_count as i, invoice_count as s
where case when s.scope = 'all' then i.n_all else i.n_before end > 0
qualify popularity_rank <= (select popular_pool from action_param);

create or replace temp table action_recommendation as
with pool as (
    select scope, list(item_id order by popularity_rank) as items from action_popular group by scope
),
customer as (
    select distinct scope, customer_id from action_customer_item
),
regular_list as (
    select scope, customer_id, list(item_id) as items from action_regular group by scope, customer_id
),
rule_list as (
    select scope, customer_id, list(item_id) as items from action_rule_top group by scope, customer_id
),
lists as (
    -- per customer, the pool in popularity order without what they buy regularly (the baseline) and
    -- also without their rule-based picks (the fill of the association list)
    select
        c.scope,
        c.customer_id,
        len(coalesce(r.items, [])) as rules,
        list_filter(p.items, lambda x: not list_contains(coalesce(g.items, []), x)) as not_regular,
        list_filter(p.items, lambda x: not list_contains(coalesce(g.items, []), x) and not list_contains(coalesce(r.items, []), x)) as fill
    from customer as c
    join pool as p using (scope)
    left join regular_list as g using (scope, customer_id)
    left join rule_list as r using (scope, customer_id)
),
top_lists as (
    select scope, customer_id, rules,
           list_slice(fill, 1, (select top_k from action_param) - rules) as fill,
           list_slice(not_regular, 1, (select top_k from action_param)) as not_regular
    from lists
),
popular_fill as (
    select scope, customer_id, unnest(range(rules + 1, rules + 1 + len(fill))) as rank, unnest(fill) as item_id
    from top_lists
),
popular_baseline as (
    select scope, customer_id, unnest(range(1, len(not_regular) + 1)) as rank, unnest(not_regular) as item_id
    from top_lists
    where scope = 'before'
),
ranked as (
    select 'association_rules' as method, scope, customer_id, rank, item_id, antecedent_id, 1 as kind, confidence as score, confidence, lift, null::bigint as invoices
    from action_rule_top
    union all
    select 'association_rules' as method, f.scope, f.customer_id, f.rank, f.item_id, null, 2, p.invoices / p.total, null, null, p.invoices
    from popular_fill as f
    join action_popular as p using (scope, item_id)
    union all
    select 'most_popular' as method, b.scope, b.customer_id, b.rank, b.item_id, null, 2, p.invoices / p.total, null, null, p.invoices
    from popular_baseline as b
    join action_popular as p using (scope, item_id)
)
select r.method, r.scope, r.customer_id, r.rank, t.stock_code, a.stock_code as antecedent, r.kind, r.score, r.confidence, r.lift, r.invoices
from ranked as r
join action_item as t using (item_id)
left join action_item as a on a.item_id = r.antecedent_id
order by r.method, r.scope, r.customer_id, r.rank;
