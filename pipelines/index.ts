/**
 * Which stages run for which input kind. No logic lives here beyond the choice. Pipelines are
 * loaded on first use, so reading text exports never loads pdf.js, sharp or the OCR engines.
 */
import type { InputKind } from '../src/model.js';
import type { Stage } from '../src/pipeline.js';

export async function pipelineFor(kind: InputKind): Promise<readonly Stage[]> {
  switch (kind) {
    case 'text':
      return (await import('./text.js')).textPipeline;
    case 'html':
      return (await import('./html.js')).htmlPipeline;
    case 'pdf':
      return (await import('./pdf.js')).pdfPipeline;
    case 'image':
      return (await import('./image.js')).imagePipeline;
  }
}
