// A layer has one provider, so actor linking is not a stage of its own: the
// NER stage calls linkMentions at the end of its run. createActorStage wraps
// any other 'entities' provider the same way (a decorator, not a second
// provider), for pipelines built without src/ner's stage.
import type { Stage } from '../pipeline/index.ts';
import { need } from '../pipeline/index.ts';
import { type LinkOptions, linkMentions } from './link.ts';

export interface ActorStageOptions extends LinkOptions {
  /** The stage whose entity mentions are linked; it must require 'sentences'. */
  readonly entities: Stage<'entities'>;
}

export function createActorStage(options: ActorStageOptions): Stage<'entities'> {
  const { entities: inner, ...link } = options;
  const requires = inner.requires.includes('sentences') ? inner.requires : [...inner.requires, 'sentences' as const];
  return {
    name: `${inner.name}+actors`,
    requires,
    provides: ['entities'],
    ...(inner.model ? { model: inner.model } : {}),
    run(input, ctx) {
      const out = inner.run(input, ctx);
      return { ...out, entities: linkMentions(input.document, need(input, 'sentences'), out.entities, link) };
    },
  };
}
