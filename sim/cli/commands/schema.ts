/** `clusterplan schema`: the JSON Schema of scenario files, from the same zod source the loader validates with. */
import { scenarioJsonSchema } from '../../scenario/schema';
import { writeFileAtomic } from '../files';

export function schemaCommand(opts: { out?: string }): number {
  const text = JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
  if (opts.out) writeFileAtomic(opts.out, text);
  else process.stdout.write(text);
  return 0;
}
