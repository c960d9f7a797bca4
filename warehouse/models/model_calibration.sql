-- Reliability table of the probability scores: the holdout customers of each probabilistic method
-- (forest vote share, logistic probability) cut into ten equal-count groups by score; a calibrated
-- model's mean predicted probability equals the observed share of positives in every group.
-- The baselines score in days or pounds, not probabilities, and are left out.
create or replace table model_calibration as
with scored as (
    select target, method, customer_id, score, actual
    from model_holdout_predictions
    where method in ('random_forest', 'logistic_regression')
),
binned as (
    select *, ntile(10) over (partition by target, method order by score, customer_id) as decile
    from scored
)
-- Means are summed as DECIMAL: a DOUBLE sum's last bits depend on the order DuckDB's threads add
-- in, and a retried step must write the same table.
select
    target,
    method,
    decile::integer as decile,
    count(*)::integer as customers,
    min(score) as min_predicted,
    max(score) as max_predicted,
    avg(score::decimal(30, 12))::double as mean_predicted,
    avg(actual) as observed_rate,
    avg(score::decimal(30, 12))::double - avg(actual) as calibration_gap
from binned
group by target, method, decile
order by target, method, decile;
