// Rewrites the generated header of every rule doc from the rule metadata: `npm run docs`.
import { rules } from '../rules';
import { writeDocs } from './rule-docs';

writeDocs(rules);
