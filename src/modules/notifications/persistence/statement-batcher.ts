/**
 * Gathers the calls made during one turn of the event loop into one batched call: concurrent jobs
 * that each read or confirm one row share a single statement (`WHERE id = ANY($1)`). Every caller
 * still waits for the statement that carries its own input, so a confirmation is committed before
 * its job completes. A failed batch fails each of its callers, as their own statement would have.
 */
export class StatementBatcher<In, Out> {
  private waiting: Array<{ input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }> = [];
  private scheduled = false;

  constructor(
    private readonly run: (inputs: In[]) => Promise<Out[]>,
    private readonly maxBatch = 200,
  ) {}

  call(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (this.waiting.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    this.run(batch.map((call) => call.input)).then(
      (outs) => batch.forEach((call, index) => call.resolve(outs[index])),
      (error: unknown) => batch.forEach((call) => call.reject(error)),
    );
  }
}
