/** HTML pages: tables read with cheerio into the grid. */
import type { Stage } from '../src/pipeline.js';
import { readHtmlPage } from '../src/read/html-page.js';
import { formStages } from './common.js';

export const htmlPipeline: readonly Stage[] = [readHtmlPage, ...formStages];
