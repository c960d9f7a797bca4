import { describe, expect, it } from 'vitest';

import { RefreshInputSchema } from '../../schemas/workflow.js';
import { describeError } from '../../scripts/cli.js';

describe('a command error is one line naming the flag', () => {
  it('turns a schema failure into the flag and its rule, not a JSON dump', () => {
    const parsed = RefreshInputSchema.safeParse({ warehouse: 'Bad.Name', inputPaths: [], outputDir: 'out' });
    expect(parsed.success).toBe(false);
    const message = describeError(parsed.error);
    expect(message).toBe(
      '--warehouse: lower-case letters, digits, "-" and "_", starting with a letter or digit; --input: Too small: expected array to have >=1 items',
    );
    expect(message).not.toContain('\n');
  });
});
