import { createHash } from 'node:crypto';

const PLATFORM_SCHEMA = 'https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json';

/**
 * A GUID derived from a name (the layout of a name-based UUID, version 5): the same item gets the
 * same logicalId on every regeneration, so Fabric's Git integration sees one item, not a new one.
 */
export function stableGuid(name: string): string {
  const bytes = createHash('sha1').update(`retail-warehouse/powerbi/${name}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The `.platform` file of a Fabric item folder (Power BI Desktop and Fabric refuse a folder without one). */
export function platformFile(type: 'Report' | 'SemanticModel', displayName: string) {
  return {
    $schema: PLATFORM_SCHEMA,
    metadata: { type, displayName },
    config: { version: '2.0', logicalId: stableGuid(`${displayName}.${type}`) },
  };
}
