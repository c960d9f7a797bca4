-- The published recommendations: the 'all' scope of action_recommendation with descriptions and the
-- reason in words.
create or replace table customer_recommendation as
select
    r.customer_id,
    r.rank::integer as rank,
    r.stock_code,
    p.description,
    r.score,
    case when r.kind = 1 then 'association' else 'popular' end as reason_kind,
    case
        when r.kind = 1 then printf('bought with %s (%s): confidence %.0f%%, lift %.1f', coalesce(a.description, r.antecedent), r.antecedent, 100 * r.confidence, r.lift)
        else printf('popular: in %.1f%% of invoices', 100 * r.score)
    end as reason
from action_recommendation as r
left join action_product as p on p.stock_code = r.stock_code
left join action_product as a on a.stock_code = r.antecedent
where r.method = 'association_rules' and r.scope = 'all'
order by r.customer_id, r.rank;
