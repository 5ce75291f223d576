// The library restates the engine's config types so its declarations need no other package
// (lib/types.ts). `npm test` type-checks this file: a key added to one side only fails it.
import { expectTypeOf, it } from 'vitest';
import type * as engine from '../../core/config/types';
import type * as engineRule from '../../core/engine/rule';
import type * as engineSettings from '../../core/story/settings';
import type * as library from '../../lib';

it('the config types of the library are the engine config types', () => {
  expectTypeOf<library.StorylintConfig>().toEqualTypeOf<engine.StorylintConfig>();
  expectTypeOf<library.OverrideBlock>().toEqualTypeOf<engine.OverrideBlock>();
  expectTypeOf<library.RuleEntry>().toEqualTypeOf<engine.RuleEntry>();
  expectTypeOf<library.Template>().toEqualTypeOf<engineSettings.Template>();
});

it('the shapes of findings and fixes are the engine ones', () => {
  expectTypeOf<library.Severity>().toEqualTypeOf<engineRule.Severity>();
  expectTypeOf<library.FindingSeverity>().toEqualTypeOf<engineRule.FindingSeverity>();
  expectTypeOf<library.Span>().toEqualTypeOf<engineRule.Span>();
  expectTypeOf<library.Edit>().toEqualTypeOf<engineRule.Edit>();
  expectTypeOf<library.Fix>().toEqualTypeOf<engineRule.Fix>();
  expectTypeOf<library.OptionSpec>().toEqualTypeOf<engineRule.OptionSpec>();
});
