/**
 * Why the database file cannot be used. One code per thing a user can act
 * on: a corrupt file is restored or deleted, a locked one waits for the other
 * process, a newer schema needs a newer sitrep.
 */
export type StoreErrorCode =
  | 'corrupt'
  | 'locked'
  | 'not_found'
  | 'cannot_open'
  | 'readonly'
  | 'newer_schema'
  | 'not_sitrep'
  | 'bad_query'
  | 'invalid_row'
  | 'invalid_input';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${message}`, options);
  }
}

interface SqliteErrorLike {
  readonly code: string;
  readonly message: string;
}

function isSqliteError(error: unknown): error is SqliteErrorLike {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && error.name === 'SqliteError';
}

/** Maps a better-sqlite3 error to a StoreError; anything else passes through. */
export function toStoreError(error: unknown, path: string): unknown {
  if (error instanceof StoreError || !isSqliteError(error)) return error;
  // Extended result codes (SQLITE_BUSY_SNAPSHOT, SQLITE_CORRUPT_INDEX, …) share the primary prefix.
  const primary = error.code.split('_').slice(0, 2).join('_');
  switch (primary) {
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return new StoreError('corrupt', path, `database file is corrupt or not a sitrep database (${error.message})`, {
        cause: error,
      });
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return new StoreError('locked', path, 'database is locked by another process; retry when it finishes', {
        cause: error,
      });
    case 'SQLITE_CANTOPEN':
      return new StoreError('cannot_open', path, `cannot open database file (${error.message})`, { cause: error });
    case 'SQLITE_READONLY':
      return new StoreError('readonly', path, `database is read-only (${error.message})`, { cause: error });
    case 'SQLITE_ERROR':
      if (/fts5|MATCH/i.test(error.message)) {
        return new StoreError('bad_query', path, `bad search query (${error.message})`, { cause: error });
      }
      return error;
    default:
      return error;
  }
}
