/**
 * Judges values with Tether's generated validator and the reference (Ajv) and tallies the
 * outcome. Tether rejecting what the reference accepts is the one forbidden outcome; Tether
 * accepting what the reference rejects is allowed (looser) and only counted.
 */
export interface Tally {
  schemas: number;
  values: number;
  bothAccept: number;
  bothReject: number;
  looser: number;
  stricter: number;
}

export const emptyTally = (): Tally => ({ schemas: 0, values: 0, bothAccept: 0, bothReject: 0, looser: 0, stricter: 0 });

export interface Disagreement {
  pointer: string;
  where: string;
  value: unknown;
}

/** Adds one value's verdicts to the tally; returns the disagreement when Tether is stricter. */
export function judge(tally: Tally, tether: boolean, reference: boolean, pointer: string, where: string, value: unknown): Disagreement | undefined {
  tally.values++;
  if (tether && reference) tally.bothAccept++;
  else if (!tether && !reference) tally.bothReject++;
  else if (tether) tally.looser++;
  else {
    tally.stricter++;
    return { pointer, where, value };
  }
  return undefined;
}

export function addTally(into: Tally, from: Tally): void {
  for (const key of Object.keys(into) as Array<keyof Tally>) into[key] += from[key];
}
