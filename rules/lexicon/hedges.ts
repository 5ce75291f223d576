// How an author says they believe rather than know (unvalidated-assumption).
import { PhraseMatcher } from '../../core/api';

/** Hedges: the author believes, nobody checked. "TBD" and "???" are unanswered questions. */
export const HEDGES = new PhraseMatcher([
  'we believe', 'we assume', 'we think', 'we feel', 'we guess', 'we hope', 'i believe', 'i assume', 'i guess',
  'i feel', 'probably', 'presumably', 'obviously', 'clearly everyone', 'everyone wants', 'everybody wants',
  'everyone knows', 'everybody knows', 'surely', 'hopefully', 'gut feeling', 'no-brainer', 'no brainer',
  'users will love', 'customers will love', 'everyone will love', 'tbd', 'todo', 'tbc',
]);
