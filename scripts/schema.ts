// Writes schema/storylint.schema.json from the rules' metadata: `npm run schema`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchemaText } from '../core/config/schema';
import { rules } from '../rules';

writeFileSync(join(__dirname, '..', 'schema', 'storylint.schema.json'), configSchemaText(rules));
