/** An error the engine raises itself (not the OS), with a code from src-shared/errors. */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
