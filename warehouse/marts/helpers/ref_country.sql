-- Country reference data (seed shipped with the code): one row per country name as the data spells it.
create or replace temp table ref_country as
select *
from read_csv($path, header = true, auto_detect = false, quote = '"', columns = {
    'country': 'VARCHAR', 'country_name': 'VARCHAR', 'iso_alpha2': 'VARCHAR', 'iso_alpha3': 'VARCHAR',
    'region': 'VARCHAR', 'subregion': 'VARCHAR', 'market': 'VARCHAR', 'note': 'VARCHAR'
})
