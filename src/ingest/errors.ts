/** A fatal problem with one input: named, with a one-line reason. */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    readonly input: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${input}: ${reason}`, options);
  }
}

/** First line of an underlying error's message, for one-line reports. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).trim();
}
