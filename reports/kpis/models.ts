import { quoteIdent as q } from '../../warehouse/db.js';
import { daxColumn as c, daxTable as t } from '../powerbi/dax.js';
import type { Roles } from '../roles.js';
import { AT_RISK_BANDS, AT_RISK_DEFINITION, atRiskBandList, type Kpi } from './kpi.js';

/** The model step's clusters, k choice, churn and high-value scores. */
export function modelKpis(roles: Roles): Kpi[] {
  const kpis: Kpi[] = [];
  const { clusterProfiles } = roles;
  if (clusterProfiles) {
    kpis.push({
      name: 'Cluster Customers',
      table: clusterProfiles.name,
      description: 'Customers in the clusters in view (pick one method: K-Means and DBSCAN each cover every customer).',
      format: 'integer',
      dax: `SUM(${c(clusterProfiles.name, clusterProfiles.col.customers)}) + 0`,
    });
  }
  const { kSelection } = roles;
  if (kSelection) {
    kpis.push({
      name: 'Mean Silhouette',
      table: kSelection.name,
      description: 'Mean silhouette of the K-Means clustering for the k in view (higher = better separated).',
      format: 'decimal',
      dax: `AVERAGE(${c(kSelection.name, kSelection.col.silhouette)})`,
    });
  }
  const { churn } = roles;
  if (churn) {
    const ch = churn.name;
    kpis.push(
      {
        name: 'Churn Rate',
        table: ch,
        description: 'Expected share of customers who make no purchase in the next 90 days: the mean predicted churn probability.',
        format: 'percent',
        headline: true,
        dax: `AVERAGE(${c(ch, churn.col.probability)})`,
        sql: `select avg(${q(churn.col.probability)}) from ${q(ch)}`,
      },
      {
        name: 'Customers at Risk',
        table: ch,
        description: AT_RISK_DEFINITION,
        format: 'integer',
        headline: true,
        // KEEPFILTERS: a Risk band slicer narrows the count instead of being replaced by the at-risk bands.
        dax: `CALCULATE(COUNTROWS(${t(ch)}), KEEPFILTERS(${c(ch, churn.col.band)} IN {${AT_RISK_BANDS.map((b) => `"${b}"`).join(', ')}})) + 0`,
        sql: `select count(*) filter (where ${q(churn.col.band)} in (${atRiskBandList()})) from ${q(ch)}`,
      },
      {
        name: 'Scored Customers',
        table: ch,
        description: 'Customers with a churn prediction (in the selected risk bands).',
        format: 'integer',
        dax: `COUNTROWS(${t(ch)}) + 0`,
        sql: `select count(*) from ${q(ch)}`,
      },
    );
  }
  const { highValue } = roles;
  if (highValue) {
    kpis.push({
      name: 'High-Value Prospects',
      table: highValue.name,
      description: 'Customers the high-value model flags as likely top-20% spenders in the next 90 days.',
      format: 'integer',
      // The churn page's Risk band slicer sits on churn_prediction, which filters no other table: TREATAS carries its customers over.
      dax: roles.churn
        ? `CALCULATE(COUNTROWS(${t(highValue.name)}), KEEPFILTERS(${c(highValue.name, highValue.col.flagged)} = TRUE()), TREATAS(VALUES(${c(roles.churn.name, roles.churn.col.customer)}), ${c(highValue.name, highValue.col.customer)})) + 0`
        : `CALCULATE(COUNTROWS(${t(highValue.name)}), ${c(highValue.name, highValue.col.flagged)} = TRUE()) + 0`,
      sql: `select count(*) filter (where ${q(highValue.col.flagged)}) from ${q(highValue.name)}`,
    });
  }
  return kpis;
}

/** The campaign actions built from the model scores. */
export function actionKpis(roles: Roles): Kpi[] {
  const kpis: Kpi[] = [];
  const { campaignSummary } = roles;
  if (campaignSummary) {
    const cs = campaignSummary.name;
    kpis.push(
      {
        name: 'Revenue at Stake',
        table: cs,
        description: 'Expected 90-day value x churn probability, summed over the customers of the actions in view.',
        format: 'money',
        headline: true,
        // campaign_summary has no relationships; the customer-level list does (to dim_customer), and TREATAS
        // carries the churn page's Risk band (on churn_prediction) over, so the card follows the page's slicers.
        dax:
          roles.campaignList && roles.churn
            ? `CALCULATE(SUM(${c(roles.campaignList.name, roles.campaignList.col.atStake)}), TREATAS(VALUES(${c(roles.churn.name, roles.churn.col.customer)}), ${c(roles.campaignList.name, roles.campaignList.col.customer)}))`
            : `SUM(${c(cs, campaignSummary.col.atStake)})`,
        sql: `select sum(${q(campaignSummary.col.atStake)}) from ${q(cs)}`,
      },
      {
        name: 'Campaign Customers',
        table: cs,
        description: 'Customers of the actions in view.',
        format: 'integer',
        // Counted on the customer-level list (as Revenue at Stake sums it), so an action axis, a country or a risk band narrows it;
        // campaign_summary's own column would show the total on every bar.
        dax:
          roles.campaignList && roles.churn
            ? `CALCULATE(COUNTROWS(${t(roles.campaignList.name)}), TREATAS(VALUES(${c(roles.churn.name, roles.churn.col.customer)}), ${c(roles.campaignList.name, roles.campaignList.col.customer)})) + 0`
            : `SUM(${c(cs, campaignSummary.col.customers)}) + 0`,
      },
    );
  }
  return kpis;
}
