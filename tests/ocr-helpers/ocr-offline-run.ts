/**
 * Run by tests/ocr-offline.test.ts in a child process whose network is blocked (see
 * no-network.cjs): `control` checks the block holds in worker threads (where tesseract.js works); `ocr` reads one
 * crop with the project's engine and prints what it read.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createOcrEngine } from '../../src/ocr/create-engine.js';
import { imageBytesToCrop } from '../../src/ocr/crop-image.js';

const mode = process.argv[2];
if (mode === 'control') {
  // tesseract.js recognises in worker threads: show that the block holds there too.
  const code = "const { parentPort } = require('node:worker_threads'); fetch('https://example.com/').then(() => parentPort.postMessage('fetched'), (e) => parentPort.postMessage(String(e && e.message)));";
  const worker = new Worker(code, { eval: true });
  const message = await new Promise<string>((done) => worker.once('message', done));
  await worker.terminate();
  console.log(JSON.stringify({ error: message === 'fetched' ? null : message }));
} else {
  const engine = await createOcrEngine('tesseract', { workers: 1 });
  try {
    const [r] = await engine.recognize([await imageBytesToCrop(readFileSync(process.argv[3]!))]);
    console.log(JSON.stringify({ text: r!.text, confidence: r!.confidence }));
  } finally {
    await engine.close();
  }
}
