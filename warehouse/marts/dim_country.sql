-- Countries as the data names them, with ISO 3166 codes and region from the reference list
-- (warehouse/reference/countries.csv). A name missing from the list is kept, marked, with no codes.
create or replace table dim_country as
with seen as (
    select country, count(*) as lines from stg_sales_lines group by country
),
reference as (
    select * from ref_country
)
select
    s.country,
    coalesce(r.country_name, s.country) as country_name,
    r.iso_alpha2,
    r.iso_alpha3,
    coalesce(r.region, 'Unknown') as region,
    r.subregion,
    coalesce(r.market, 'Unknown') as market,
    r.country is not null as is_in_reference,
    r.note
from seen as s
left join reference as r on r.country = s.country
order by s.country;
