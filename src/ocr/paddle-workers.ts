/**
 * onnxruntime sessions in worker threads. onnxruntime-node runs a model synchronously on the
 * calling thread (its `run` only defers the call), and a text line is too small a job for its
 * intra-op threads to split well, so the cores are used by one session per worker thread, each
 * reading its own line, as tesseract.js spreads crops over its workers.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What a worker needs to open its session. */
export interface OrtWorkerOptions {
  modelPath: string;
  /** onnxruntime `InferenceSession.SessionOptions`, as plain data. */
  sessionOptions: Record<string, unknown>;
}

/** A model output: row-major data and its dimensions. */
export interface OrtOutput {
  data: Float32Array;
  dims: number[];
}

/** A pool of worker threads, one session each; `run` waits for a free worker. */
export interface OrtWorkerPool {
  run(data: Float32Array, dims: readonly number[]): Promise<OrtOutput>;
  /** Waits for the runs in flight, then releases the sessions and ends the threads. */
  close(): Promise<void>;
}

// Plain CommonJS, evaluated as the worker's script, so it runs the same from the compiled CLI
// and from the TypeScript sources under the test runner.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
(async () => {
  const session = await ort.InferenceSession.create(workerData.modelPath, workerData.sessionOptions);
  const inputName = session.inputNames[0];
  const outputName = session.outputNames[0];
  parentPort.on('message', async (msg) => {
    if (msg.type === 'close') {
      await session.release();
      parentPort.postMessage({ type: 'closed' });
      return;
    }
    try {
      const input = new ort.Tensor('float32', msg.data, msg.dims);
      const output = (await session.run({ [inputName]: input }))[outputName];
      const data = new Float32Array(output.data);
      parentPort.postMessage({ type: 'output', data, dims: Array.from(output.dims) }, [data.buffer]);
      input.dispose();
      output.dispose();
    } catch (err) {
      parentPort.postMessage({ type: 'error', message: String((err && err.message) || err) });
    }
  });
  parentPort.postMessage({ type: 'ready' });
})().catch((err) => parentPort.postMessage({ type: 'error', message: String((err && err.message) || err) }));
`;

interface WorkerMessage {
  type: 'ready' | 'output' | 'error' | 'closed';
  data?: Float32Array;
  dims?: number[];
  message?: string;
}

/** Starts `count` worker threads, each with its own session of the model; resolves once all are ready. */
export async function createOrtWorkerPool(count: number, options: OrtWorkerOptions): Promise<OrtWorkerPool> {
  const ortPath = createRequire(import.meta.url).resolve('onnxruntime-node');
  const workers = Array.from(
    { length: count },
    () => new Worker(WORKER_SOURCE, { eval: true, workerData: { ortPath, ...options } }),
  );
  /** The next message of a worker (each worker has one job at a time, so replies come in order). */
  const nextMessage = (w: Worker): Promise<WorkerMessage> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: WorkerMessage) => {
        w.off('error', onError);
        resolve(m);
      };
      const onError = (err: Error) => {
        w.off('message', onMessage);
        reject(err);
      };
      w.once('message', onMessage);
      w.once('error', onError);
    });

  try {
    const first = await Promise.all(workers.map(nextMessage));
    const failed = first.find((m) => m.type !== 'ready');
    if (failed) throw new Error(`paddle: a recognition worker did not start: ${failed.message ?? failed.type}`);
  } catch (err) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw err;
  }

  const free: Worker[] = [...workers];
  const waiting: ((w: Worker) => void)[] = [];
  let inFlight = 0;
  let drainedWaiters: (() => void)[] = [];
  const acquire = (): Promise<Worker> => {
    const w = free.pop();
    return w ? Promise.resolve(w) : new Promise((resolve) => waiting.push(resolve));
  };
  const release = (w: Worker) => {
    const next = waiting.shift();
    if (next) next(w);
    else free.push(w);
  };

  return {
    async run(data, dims) {
      inFlight++;
      const w = await acquire();
      try {
        const reply = nextMessage(w);
        w.postMessage({ type: 'run', data, dims: [...dims] }, [data.buffer as ArrayBuffer]);
        const m = await reply;
        if (m.type !== 'output') throw new Error(`paddle: recognition failed: ${m.message ?? m.type}`);
        return { data: m.data!, dims: m.dims! };
      } finally {
        release(w);
        inFlight--;
        if (inFlight === 0) for (const done of drainedWaiters.splice(0)) done();
      }
    },
    async close() {
      if (inFlight > 0) await new Promise<void>((done) => drainedWaiters.push(done));
      drainedWaiters = [];
      await Promise.all(
        workers.map(async (w) => {
          const closed = nextMessage(w).catch(() => undefined);
          w.postMessage({ type: 'close' });
          await closed;
          await w.terminate();
        }),
      );
    },
  };
}
