import { campaignRule } from './campaign_rule.js';
import { campaignList } from './campaign_list.js';
import { campaignSummary } from './campaign_summary.js';
import { productAssociation } from './product_association.js';
import { customerRecommendation } from './customer_recommendation.js';
import { recommendationMetrics } from './recommendation_metrics.js';
import { demandWeekly } from './demand_weekly.js';
import { demandForecast } from './demand_forecast.js';
import { forecastBacktest } from './forecast_backtest.js';

/*
 * What the business does with the models: campaign lists per customer, product recommendations from
 * market-basket analysis and weekly demand forecasts. Built by activities/model/actions.ts at the end
 * of the model step.
 */

export { campaignRule, campaignList, campaignSummary, productAssociation, customerRecommendation, recommendationMetrics, demandWeekly, demandForecast, forecastBacktest };

/** Action tables, in the order the model step reports and publishes them. */
export const ACTION_TABLES = [
  productAssociation,
  customerRecommendation,
  recommendationMetrics,
  campaignRule,
  campaignList,
  campaignSummary,
  demandWeekly,
  demandForecast,
  forecastBacktest,
];
