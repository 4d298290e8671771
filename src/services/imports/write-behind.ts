/**
 * Writes that run behind the reading of an import file: each starts after the ones queued
 * before it, and the caller goes on reading while the database works (on PGlite's thread or the
 * PostgreSQL server). After a failure the later writes are skipped; settle() throws it.
 * Nothing else may query the import's transaction until settle() has returned.
 */
export class WriteBehind {
  private tail: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;

  /** Queue a write; its failure is kept (an unawaited rejection would end the process). */
  queue(write: () => Promise<void>): void {
    this.tail = this.tail
      .then(() => (this.failure === null ? write() : undefined))
      .catch((error: unknown) => {
        this.failure ??= { error };
      });
  }

  /** Wait for every queued write; throw the first failure (again on every later call). */
  async settle(): Promise<void> {
    await this.tail;
    if (this.failure) throw this.failure.error;
  }
}
