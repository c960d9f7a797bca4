import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

/**
 * Checks the command's paths before any work: every input exists, and the output folder is a
 * writable folder outside the inputs. Returns them resolved; throws one clear message otherwise.
 */
export function checkPaths(inputs: string[], output: string): { inputPaths: string[]; outputDir: string } {
  const inputPaths = inputs.map((p) => resolve(p));
  for (const [i, path] of inputPaths.entries()) {
    if (!existsSync(path)) throw new Error(`input not found: ${inputs[i]}`);
  }
  const outputDir = resolve(output);
  if (existsSync(outputDir) && !statSync(outputDir).isDirectory()) throw new Error(`output ${output} is a file, not a folder`);
  for (const input of inputPaths) {
    const folder = statSync(input).isDirectory() ? input : dirname(input);
    if (outputDir === folder && statSync(input).isDirectory()) throw new Error(`output ${output} is the input folder; choose another`);
    if (statSync(input).isDirectory() && (outputDir + sep).startsWith(input + sep)) {
      throw new Error(`output ${output} is inside the input folder ${input}; choose another`);
    }
  }
  try {
    mkdirSync(outputDir, { recursive: true });
    accessSync(outputDir, constants.W_OK);
  } catch {
    throw new Error(`output folder ${output} is not writable`);
  }
  return { inputPaths, outputDir };
}
