import { StatementBatcher } from './statement-batcher';

describe('StatementBatcher', () => {
  it('runs calls made in the same turn as one batch and answers each caller with its own result', async () => {
    const batches: number[][] = [];
    const batcher = new StatementBatcher<number, number>(async (inputs) => {
      batches.push(inputs);
      return inputs.map((n) => n * 10);
    });
    const results = await Promise.all([1, 2, 3].map((n) => batcher.call(n)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(await batcher.call(4)).toBe(40);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('splits at the maximum batch size', async () => {
    const sizes: number[] = [];
    const batcher = new StatementBatcher<number, number>(async (inputs) => {
      sizes.push(inputs.length);
      return inputs;
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.call(n)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('fails every caller of a failed batch, and later calls run again', async () => {
    let fail = true;
    const batcher = new StatementBatcher<number, number>(async (inputs) => {
      if (fail) throw new Error('connection lost');
      return inputs;
    });
    const outcomes = await Promise.allSettled([batcher.call(1), batcher.call(2)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await batcher.call(3)).toBe(3);
  });
});
