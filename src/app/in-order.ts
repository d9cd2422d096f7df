/** Work done in parallel, results handed on in input order (commits and printed records follow the sorted paths). */
import PQueue from 'p-queue';

/**
 * Runs `work` over the items, `concurrency` at once, and calls `deliver` with each result in the
 * items' order, each as soon as it and every earlier one are done. `work` must not throw.
 */
export async function mapInOrder<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
  deliver: (item: T, result: R) => void,
): Promise<void> {
  const queue = new PQueue({ concurrency });
  let previous: Promise<void> = Promise.resolve();
  for (const item of items) {
    const turn = previous;
    let release!: () => void;
    previous = new Promise((r) => (release = r));
    void queue.add(async () => {
      try {
        const result = await work(item);
        await turn;
        deliver(item, result);
      } finally {
        release();
      }
    });
  }
  await queue.onIdle();
}
