/** Which stages run for which input kind. No logic lives here beyond the choice. */
import type { InputKind } from '../src/model.js';
import type { Stage } from '../src/pipeline.js';
import { htmlPipeline } from './html.js';
import { imagePipeline } from './image.js';
import { pdfPipeline } from './pdf.js';
import { textPipeline } from './text.js';

export function pipelineFor(kind: InputKind): readonly Stage[] {
  switch (kind) {
    case 'text':
      return textPipeline;
    case 'html':
      return htmlPipeline;
    case 'pdf':
      return pdfPipeline;
    case 'image':
      return imagePipeline;
  }
}
