import { createClaimStage } from '../claims/index.ts';
import { createEventStage } from '../events/index.ts';
import { createGeoStage } from '../geo/index.ts';
import { createNerStage } from '../ner/index.ts';
import { createSegmentStage } from '../text/index.ts';
import { createTimeStage } from '../time/index.ts';
import { createPipeline, type Pipeline } from './runner.ts';
import type { AnyStage } from './stage.ts';

/**
 * The standard stage set. Each stage loads its model lazily and once, so
 * building a pipeline is cheap; add a stage here when its folder lands.
 */
export function createDefaultPipeline(): Pipeline {
  const stages: AnyStage[] = [
    createSegmentStage(),
    createNerStage(),
    createClaimStage(),
    createGeoStage(),
    createTimeStage(),
    createEventStage(),
  ];
  return createPipeline(stages);
}
