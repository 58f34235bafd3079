/** What a predict-then-run checkpoint needs to be answerable; shared by <Predict> and its tests. */
export interface Prediction {
  readonly name: string;
  readonly step: number;
  readonly runTo: number;
  readonly choices: readonly string[];
  readonly answer: number;
}

/** The problems with a checkpoint, one sentence each; empty when it can be asked. */
export function predictionProblems(p: Prediction): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(p.name)) problems.push(`name "${p.name}" is not kebab-case`);
  if (p.choices.length < 2) problems.push('it needs at least two choices');
  if (new Set(p.choices).size !== p.choices.length) problems.push('two choices are the same');
  if (p.choices.some((c) => c.trim() === '')) problems.push('a choice is empty');
  if (!Number.isInteger(p.answer) || p.answer < 0 || p.answer >= p.choices.length) {
    problems.push(`answer ${p.answer} is not the index of a choice`);
  }
  if (!Number.isSafeInteger(p.step) || p.step < 0) problems.push(`step ${p.step} is not a step`);
  if (!Number.isSafeInteger(p.runTo) || p.runTo <= p.step) {
    problems.push(`runTo ${p.runTo} must be a later step than step ${p.step}`);
  }
  return problems;
}

/** Throws (failing the build) for a checkpoint that could not be answered. */
export function checkPrediction(p: Prediction): void {
  const problems = predictionProblems(p);
  if (problems.length > 0) throw new Error(`<Predict name="${p.name}">: ${problems.join('; ')}.`);
}
