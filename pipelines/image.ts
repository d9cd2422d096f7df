/** Page images (PNG, JPEG, TIFF): table structure from pixels, OCR per cell, ticks from pixels. */
import type { Stage } from '../src/pipeline.js';
import { formStages } from './common.js';
import { readImages } from './scan.js';

export const imagePipeline: readonly Stage[] = [readImages, ...formStages];
