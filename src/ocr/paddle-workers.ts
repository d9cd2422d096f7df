/**
 * onnxruntime sessions in worker threads. onnxruntime-node runs a model synchronously on the
 * calling thread (its `run` only defers the call), and a text line is too small a job for its
 * intra-op threads to split well, so the cores are used by one session per worker thread, each
 * reading its own lines, as tesseract.js spreads crops over its workers. A worker also scales its
 * lines to the model's height (with sharp, as the lines were always scaled) and builds the input
 * tensor, so the main thread only cuts the lines out.
 *
 * A run is handed to a worker as soon as it is asked for (to the worker with the least work
 * queued), not when a worker is free: the main thread may then lay out the next page for a
 * second or more without a worker waiting for it to hand over the next line.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What a worker needs to open its session. */
export interface OrtWorkerOptions {
  modelPath: string;
  /** onnxruntime `InferenceSession.SessionOptions`, as plain data. */
  sessionOptions: Record<string, unknown>;
  /** Height of the model's input, in pixels. */
  heightPx: number;
}

/** One text line cut from a crop: its grey pixels and the width it is scaled to. */
export interface LineInput {
  data: Uint8Array;
  width: number;
  height: number;
  /** Width after scaling to the model's height (the aspect kept, within the model's limits). */
  outWidth: number;
}

/**
 * A model output reduced to its best class per step: for an output `[batch, steps, classes]`,
 * the index and the value of the largest of each row of `classes` (all a greedy CTC decode
 * reads; sending the whole output back cost more than the decode).
 */
export interface OrtBestPath {
  /** `batch × steps` class indices. */
  classes: Int32Array;
  /** `batch × steps` values of those classes. */
  values: Float32Array;
  /** `[batch, steps, classes]` of the output. */
  dims: number[];
}

/** A pool of worker threads, one session each. */
export interface OrtWorkerPool {
  /** Reads a batch of lines (padded to the widest) in one model run. */
  run(lines: readonly LineInput[]): Promise<OrtBestPath>;
  /** Waits for the runs in flight, then releases the sessions and ends the threads. */
  close(): Promise<void>;
}

// Plain CommonJS, evaluated as the worker's script, so it runs the same from the compiled CLI
// and from the TypeScript sources under the test runner. Messages are handled one at a time in
// arrival order (onnxruntime runs each synchronously once it starts).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ortPath);
const sharp = require(workerData.sharpPath);
const H = workerData.heightPx;
// The line scaled to H high and outWidth wide (linear kernel), as grey bytes.
async function scale(line) {
  const { data, info } = await sharp(line.data, { raw: { width: line.width, height: line.height, channels: 1 } })
    .resize({ width: line.outWidth, height: H, fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels === 1) return data;
  const grey = new Uint8Array(data.length / info.channels);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * info.channels];
  return grey;
}
// PaddleOCR's resize_norm_img: (x/255 - 0.5)/0.5 in each of 3 channels, each line left-aligned,
// the rest of the width zeros (mid-grey after normalisation).
async function tensorOf(lines) {
  const w = Math.max(...lines.map((l) => l.outWidth));
  const data = new Float32Array(lines.length * 3 * H * w);
  const plane = H * w;
  const scaled = await Promise.all(lines.map(scale));
  lines.forEach((line, b) => {
    const px = scaled[b];
    const base = b * 3 * plane;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < line.outWidth; x++) {
        const v = (px[y * line.outWidth + x] / 255 - 0.5) / 0.5;
        const i = base + y * w + x;
        data[i] = v;
        data[i + plane] = v;
        data[i + 2 * plane] = v;
      }
    }
  });
  return new ort.Tensor('float32', data, [lines.length, 3, H, w]);
}
function bestPath(data, dims) {
  const n = dims[dims.length - 1];
  const rows = data.length / n;
  const classes = new Int32Array(rows);
  const values = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    let best = 0;
    let bestV = data[base];
    for (let c = 1; c < n; c++) {
      const v = data[base + c];
      if (v > bestV) { bestV = v; best = c; }
    }
    classes[r] = best;
    values[r] = bestV;
  }
  return { classes, values };
}
(async () => {
  const session = await ort.InferenceSession.create(workerData.modelPath, workerData.sessionOptions);
  const inputName = session.inputNames[0];
  const outputName = session.outputNames[0];
  let queue = Promise.resolve();
  parentPort.on('message', (msg) => {
    // Scaling the next batch's lines overlaps the current run; runs go one at a time, in order.
    const input = msg.type === 'run' ? tensorOf(msg.lines) : null;
    input?.catch(() => undefined);
    queue = queue.then(async () => {
      if (msg.type === 'close') {
        await session.release();
        parentPort.postMessage({ type: 'closed' });
        return;
      }
      try {
        const tensor = await input;
        const output = (await session.run({ [inputName]: tensor }))[outputName];
        const { classes, values } = bestPath(output.data, output.dims);
        const dims = Array.from(output.dims);
        tensor.dispose();
        output.dispose();
        parentPort.postMessage({ type: 'output', id: msg.id, classes, values, dims }, [classes.buffer, values.buffer]);
      } catch (err) {
        parentPort.postMessage({ type: 'error', id: msg.id, message: String((err && err.message) || err) });
      }
    });
  });
  parentPort.postMessage({ type: 'ready' });
})().catch((err) => parentPort.postMessage({ type: 'error', message: String((err && err.message) || err) }));
`;

interface WorkerMessage {
  type: 'ready' | 'output' | 'error' | 'closed';
  id?: number;
  classes?: Int32Array;
  values?: Float32Array;
  dims?: number[];
  message?: string;
}

/** A worker and the runs it has been handed. */
interface PoolWorker {
  worker: Worker;
  /** Runs handed over and not answered, by id, with their cost. */
  pending: Map<number, { cost: number; resolve: (out: OrtBestPath) => void; reject: (err: Error) => void }>;
  /** Sum of the pending runs' costs (line widths). */
  load: number;
  /** False once the thread has died (its runs failed); it is handed nothing more. */
  alive: boolean;
}

/** The first message of a worker (its `ready`, or why it could not start). */
const firstMessage = (w: Worker): Promise<WorkerMessage> =>
  new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });

/** Starts `count` worker threads, each with its own session of the model; resolves once all are ready. */
export async function createOrtWorkerPool(count: number, options: OrtWorkerOptions): Promise<OrtWorkerPool> {
  const require = createRequire(import.meta.url);
  const paths = { ortPath: require.resolve('onnxruntime-node'), sharpPath: require.resolve('sharp') };
  const workers = Array.from({ length: count }, () => new Worker(WORKER_SOURCE, { eval: true, workerData: { ...paths, ...options } }));
  try {
    const first = await Promise.all(workers.map(firstMessage));
    const failed = first.find((m) => m.type !== 'ready');
    if (failed) throw new Error(`paddle: a recognition worker did not start: ${failed.message ?? failed.type}`);
  } catch (err) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw err;
  }

  let nextId = 0;
  let drainedWaiters: (() => void)[] = [];
  const pool: PoolWorker[] = workers.map((worker) => ({ worker, pending: new Map(), load: 0, alive: true }));
  const inFlight = () => pool.reduce((n, p) => n + p.pending.size, 0);
  const settled = (p: PoolWorker, id: number) => {
    const job = p.pending.get(id);
    if (!job) return null;
    p.pending.delete(id);
    p.load -= job.cost;
    if (inFlight() === 0) for (const done of drainedWaiters.splice(0)) done();
    return job;
  };
  for (const p of pool) {
    p.worker.on('message', (m: WorkerMessage) => {
      if (m.id === undefined) return;
      const job = settled(p, m.id);
      if (!job) return;
      if (m.type === 'output') job.resolve({ classes: m.classes!, values: m.values!, dims: m.dims! });
      else job.reject(new Error(`paddle: recognition failed: ${m.message ?? m.type}`));
    });
    // A worker that dies fails the runs it held; the others go on.
    p.worker.on('error', (err) => {
      p.alive = false;
      for (const id of [...p.pending.keys()]) settled(p, id)?.reject(err);
    });
  }

  return {
    run(lines) {
      const alive = pool.filter((w) => w.alive);
      if (alive.length === 0) return Promise.reject(new Error('paddle: no recognition worker is left running'));
      const p = alive.reduce((a, b) => (b.load < a.load ? b : a));
      const id = nextId++;
      // A line's cost is its width at the model's height: the model's time grows with it.
      const cost = lines.reduce((n, l) => n + l.outWidth, 0);
      return new Promise<OrtBestPath>((resolve, reject) => {
        p.pending.set(id, { cost, resolve, reject });
        p.load += cost;
        p.worker.postMessage({ type: 'run', id, lines }, lines.map((l) => l.data.buffer as ArrayBuffer));
      });
    },
    async close() {
      if (inFlight() > 0) await new Promise<void>((done) => drainedWaiters.push(done));
      drainedWaiters = [];
      await Promise.all(
        pool.map(async ({ worker }) => {
          const closed = new Promise<void>((done) => {
            const onMessage = (m: WorkerMessage) => m.type === 'closed' && (worker.off('message', onMessage), done());
            worker.on('message', onMessage);
            worker.once('error', () => done());
          });
          worker.postMessage({ type: 'close' });
          await closed;
          await worker.terminate();
        }),
      );
    },
  };
}
