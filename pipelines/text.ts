/** Text exports: lines are rows, tabs separate cells, cells may hold HTML; read a form at a time. */
import type { Stage } from '../src/pipeline.js';
import { textReadError, textToRowStream } from '../src/read/text-export.js';
import { formByForm } from './common.js';

export const textPipeline: readonly Stage[] = [formByForm((doc) => textToRowStream(doc.text ?? ''), textReadError)];
