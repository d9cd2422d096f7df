/**
 * Run by tests/ocr-paddle-offline.test.ts in a child process whose network is blocked (see
 * ocr-helpers/no-network.cjs): reads one crop with the paddle engine, made the way the CLI makes
 * it, and prints what it read as one JSON line.
 */
import { readFileSync } from 'node:fs';
import { createOcrEngine } from '../src/ocr/create-engine.js';
import { imageBytesToCrop } from '../src/ocr/crop-image.js';

const engine = await createOcrEngine('paddle');
try {
  const [r] = await engine.recognize([await imageBytesToCrop(readFileSync(process.argv[2]!))]);
  console.log(JSON.stringify({ text: r!.text, confidence: r!.confidence }));
} finally {
  await engine.close();
}
