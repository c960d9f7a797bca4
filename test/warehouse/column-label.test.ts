import { describe, expect, it } from 'vitest';
import { columnLabel } from '../../warehouse/spec/types.js';

describe('columnLabel', () => {
  it('turns a column name into words a person reads, abbreviations in capitals', () => {
    expect(columnLabel({ name: 'customer_id' })).toBe('Customer ID');
    expect(columnLabel({ name: 'revenue_at_stake' })).toBe('Revenue at stake');
    expect(columnLabel({ name: 'country_iso_code' })).toBe('Country ISO code');
    expect(columnLabel({ name: 'rfm_segment' })).toBe('RFM segment');
  });

  it('reads flags as questions and timestamps without their suffix', () => {
    expect(columnLabel({ name: 'is_service' })).toBe('Service?');
    expect(columnLabel({ name: 'is_high_cancellation' })).toBe('High cancellation?');
    expect(columnLabel({ name: 'last_purchase_at' })).toBe('Last purchase');
    expect(columnLabel({ name: 'at' })).toBe('At');
  });

  it('keeps a declared label as written', () => {
    expect(columnLabel({ name: 'net_revenue_amount', label: 'Net revenue (£)' })).toBe('Net revenue (£)');
  });
});
