// Dates: finds temporal expressions and normalises them (chrono-node plus a
// few rules) against the publication date, never the clock, to a period start
// and a precision (day, week, month, year). It does not attach times to events.

export {
  type FoundTime,
  findTimes,
  type NormalisedDate,
  normaliseDate,
  type TimePrecision,
} from './normalise.ts';
export { createTimeStage, type TimeStageOptions } from './stage.ts';
