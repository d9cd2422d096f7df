/** Text exports: lines are rows, tabs separate cells, cells may hold HTML. */
import type { Stage } from '../src/pipeline.js';
import { readTextExport } from '../src/read/text-export.js';
import { formStages } from './common.js';

export const textPipeline: readonly Stage[] = [readTextExport, ...formStages];
