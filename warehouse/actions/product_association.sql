-- The published association rules: the 'all' scope of action_rule with product descriptions.
create or replace table product_association as
select
    r.antecedent,
    r.consequent,
    a.description as antecedent_description,
    c.description as consequent_description,
    r.invoices::integer as invoices,
    r.support,
    r.confidence,
    r.lift
from action_rule as r
left join action_product as a on a.stock_code = r.antecedent
left join action_product as c on c.stock_code = r.consequent
where r.scope = 'all'
order by r.antecedent, r.consequent;
