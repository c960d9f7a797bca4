-- One round of the cancellation match: the $round-th cancellation of every (customer, stock code)
-- group, all groups at once. Run it for round 1, 2, ... up to the most cancellations of one group.
-- One statement (it takes a parameter): units taken by earlier rounds are subtracted on the fly.
insert into match_pairs
with current_cancellations as (
    select * from match_cancellations where seq = $round
),
round_orders as materialized (
    -- only the groups with a $round-th cancellation take part, fewer with every round
    select o.*
    from match_orders as o
    semi join current_cancellations as c on c.customer_id = o.customer_id and c.stock_code = o.stock_code
),
taken as (
    select p.order_line_id as line_id, sum(p.quantity) as quantity
    from match_pairs as p
    semi join round_orders as o on o.line_id = p.order_line_id
    group by p.order_line_id
),
open_orders as (
    select o.line_id, o.customer_id, o.stock_code, o.invoiced_at, o.quantity - coalesce(t.quantity, 0) as remaining
    from round_orders as o
    left join taken as t using (line_id)
),
candidates as (
    -- order lines of the same customer and product, not later than the cancellation, with units left
    select
        c.line_id as cancellation_line_id,
        c.quantity as wanted,
        o.line_id as order_line_id,
        o.invoiced_at as ordered_at,
        o.remaining
    from current_cancellations as c
    join open_orders as o
        on o.customer_id = c.customer_id
        and o.stock_code = c.stock_code
        and o.invoiced_at <= c.invoiced_at
        and o.remaining > 0
),
whole as (
    -- the latest earlier order line that can absorb the whole cancellation on its own
    select cancellation_line_id, order_line_id, wanted as quantity
    from candidates
    where remaining >= wanted
    qualify row_number() over (partition by cancellation_line_id order by ordered_at desc, order_line_id desc) = 1
),
backwards as (
    -- no single line is enough: walk back in time through the remaining units; the cancellation
    -- covers the units [0, wanted) of that walk, each order line the units [taken_before, taken_through)
    select
        *,
        sum(remaining) over (
            partition by cancellation_line_id
            order by ordered_at desc, order_line_id desc
            rows between unbounded preceding and current row
        ) as taken_through
    from candidates
    anti join whole using (cancellation_line_id)
),
split as (
    select
        cancellation_line_id,
        order_line_id,
        least(remaining, wanted - (taken_through - remaining)) as quantity,
        row_number() over (partition by cancellation_line_id order by ordered_at desc, order_line_id desc) as match_no
    from backwards
    where taken_through - remaining < wanted
)
select cancellation_line_id, order_line_id, quantity::integer as quantity, 1::bigint as match_no from whole
union all
select cancellation_line_id, order_line_id, quantity::integer, match_no from split
