/**
 * An input the engine cannot analyse (bad options, no valid points, too few cells). The message is
 * Swedish and complete, meant to be shown as is (the CLI prints it as `trygg: <message>`).
 */
export class AnalysisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AnalysisError";
  }
}
