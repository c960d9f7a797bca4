import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Microsoft's Fabric JSON schemas, kept beside the clone (../shared) rather than fetched. */
export const SCHEMA_ROOT = resolve(PROJECT_ROOT, '../shared/powerbi-schemas');
const URL_PREFIX = 'https://developer.microsoft.com/json-schemas/fabric/';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
}

/**
 * An Ajv instance holding every schema under the URL its path maps to. Files' own $id values are
 * replaced, because a few are wrong (copied from a sibling version) and would collide.
 */
export function schemaRegistry(): { validatorFor(url: string): ValidateFunction } {
  const fabric = join(SCHEMA_ROOT, 'fabric');
  if (!existsSync(fabric)) throw new Error(`Power BI JSON schemas not found at ${fabric}`);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  for (const file of walk(fabric)) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const url = URL_PREFIX + relative(fabric, file).split('\\').join('/');
    schema.$id = url;
    ajv.addSchema(schema, url);
  }
  return {
    validatorFor(url: string) {
      const validate = ajv.getSchema(url);
      if (!validate) throw new Error(`no schema registered for ${url}`);
      return validate;
    },
  };
}
