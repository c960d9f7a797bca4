-- Every customer the models see in model_history_line, numbered in customer-id order: the model inputs
-- are read per customer by this small integer instead of repeating the id on millions of rows.
-- model_history_line is the purchases as of the end of the data or as of a cutoff (load-inputs.ts).
create or replace temp table model_customer as
select customer_id, (row_number() over (order by customer_id) - 1)::integer as idx
from (select distinct customer_id from model_history_line);
