/**
 * Group commit: callers submit one item each and wait for its result, while the items submitted
 * during a database round trip go together in the next one. Under load many callers share one
 * statement; alone, a caller waits for nothing but its own statement (there is no timer).
 *
 * A failed batch fails every caller in it: each one then fails (or retries) as it would have alone.
 */
export class GroupCommit<I, R> {
  private queue: { item: I; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;

  /**
   * @param run - stores a batch; returns one result per item, in the same order.
   * @param maxBatch - items per statement at most.
   * @param maxInFlight - batches under way at once (each takes a pool connection).
   */
  constructor(
    private readonly run: (items: I[]) => Promise<R[]>,
    private readonly maxBatch = 500,
    private readonly maxInFlight = 2,
  ) {}

  /** Adds an item to the next batch; resolves with its result once that batch is stored. */
  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      void this.run(batch.map((entry) => entry.item))
        .then(
          (results) => batch.forEach((entry, i) => entry.resolve(results[i]!)),
          (error: unknown) => batch.forEach((entry) => entry.reject(error)),
        )
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }
}
