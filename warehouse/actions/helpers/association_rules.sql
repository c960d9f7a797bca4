-- Association rules between products bought in the same invoice, for two scopes at once: 'all'
-- invoices and the invoices 'before' the evaluation cutoff (action_param). One self-join counts the
-- pairs of both scopes (each basket row says in which scopes it counts, see action_basket.sql). Only items frequent in either scope take part: a pair is never more frequent
-- than either of its items, so no rule above the support threshold is lost.
create or replace temp table action_rule as
with params as (
    select * from action_param
),
sized as (
    select invoice_id, count(*) filter (where in_all) as products_all, count(*) filter (where in_before) as products_before
    from action_basket
    group by invoice_id
),
basket as (
    -- an order of hundreds of products pairs everything with everything: it costs most of the pair
    -- count and says little about what goes together, so such invoices are left out of the rules;
    -- each scope sizes the basket as it stood in that scope
    select b.invoice_id, b.item_id, b.in_all and s.products_all <= p.max_basket_products as in_all, b.in_before and s.products_before <= p.max_basket_products as in_before
    from action_basket as b
    join sized as s using (invoice_id), params as p
    where (b.in_all and s.products_all <= p.max_basket_products) or (b.in_before and s.products_before <= p.max_basket_products)
),
totals as (
    select
        count(*) filter (where s.products_all between 1 and p.max_basket_products) as invoices_all,
        count(*) filter (where s.products_before between 1 and p.max_basket_products) as invoices_before
    from sized as s, params as p
),
item as (
    select item_id, count(*) filter (where in_all) as n_all, count(*) filter (where in_before) as n_before
    from basket
    group by item_id
),
frequent as (
    select i.item_id, i.n_all, i.n_before
    from item as i, totals as t, params as p
    where i.n_all >= p.min_support * t.invoices_all
       or (t.invoices_before > 0 and i.n_before >= p.min_support * t.invoices_before)
),
frequent_line as materialized (
    select b.invoice_id, b.in_all, b.in_before, b.item_id
    from basket as b
    semi join frequent as f using (item_id)
),
pair as (
    select a.item_id as x, b.item_id as y,
           count(*) filter (where a.in_all and b.in_all) as n_all,
           count(*) filter (where a.in_before and b.in_before) as n_before
    from frequent_line as a
    join frequent_line as b on a.invoice_id = b.invoice_id and a.item_id < b.item_id
    group by a.item_id, b.item_id
),
scoped as (
    select 'all' as scope, x, y, n_all as n, t.invoices_all as total from pair, totals as t
    union all
    select 'before' as scope, x, y, n_before as n, t.invoices_before as total from pair, totals as t
),
supported as (
    -- the support test of the final filter, applied before the joins: of ~200,000 pairs a few hundred pass
    select s.*
    from scoped as s, params as p
    where s.n / s.total >= p.min_support
),
directed as (
    select scope, x as a, y as c, n, total from supported
    union all
    select scope, y as a, x as c, n, total from supported
),
measured as (
    select
        d.scope,
        d.a as antecedent_id,
        d.c as consequent_id,
        d.n as invoices,
        d.n / d.total as support,
        d.n / (case when d.scope = 'all' then fa.n_all else fa.n_before end) as confidence,
        d.n * d.total / ((case when d.scope = 'all' then fa.n_all else fa.n_before end) * (case when d.scope = 'all' then fc.n_all else fc.n_before end)) as lift
    from directed as d
    join frequent as fa on fa.item_id = d.a
    join frequent as fc on fc.item_id = d.c
    where d.n > 0
)
select m.scope, a.stock_code as antecedent, c.stock_code as consequent, m.*  exclude (scope)
from measured as m
join action_item as a on a.item_id = m.antecedent_id
join action_item as c on c.item_id = m.consequent_id,
params as p
where m.support >= p.min_support
  and m.confidence >= p.min_confidence
  and m.lift > 1
order by m.scope, antecedent, consequent;
