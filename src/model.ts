/**
 * The one document model every stage reads and adds to.
 *
 * source → pages (text items or OCR words) → rows of cells (the table grid) → forms
 * (mapped fields → the SPEC record), with issues as data at every level.
 *
 * Coordinates: one convention, converted once at ingest: page points (1/72 inch), origin at the
 * page's top-left corner, y growing downwards. Image readers convert pixels with the scan's dpi.
 */
import { z } from 'zod';
import type { UnitMultiplier } from './vocab/units.js';

// ---------------------------------------------------------------------------------------------
// Provenance

/**
 * An axis-aligned box, origin top-left, y down: in page points in the model; the image stages use
 * the same shape in pixels (right and bottom exclusive) and say so where they do.
 */
export const BBox = z.object({
  x0: z.number(),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
});
export type BBox = z.infer<typeof BBox>;

/** How a piece of text was obtained. */
/** `review`: a person corrected or confirmed the value (the review layer, never a reader). */
export const Via = z.enum(['text', 'html', 'pdf', 'ocr', 'review']);
export type Via = z.infer<typeof Via>;

/** The kind of an input file, decided from its content (not only its extension). */
export const InputKind = z.enum(['text', 'html', 'pdf', 'image']);
export type InputKind = z.infer<typeof InputKind>;

// ---------------------------------------------------------------------------------------------
// Issues: what a stage doubted, as data (codes namespaced by stage; wording in src/issues.ts)

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const IssueCode = z.enum([
  // reading a page
  'read.no-text-layer', // a PDF page without usable text; needs OCR
  'read.ocr-failed', // OCR could not read a page or cell
  'read.low-confidence', // OCR confidence below the threshold for a field
  'read.readings-differ', // two OCR readings of a key value disagree
  'read.box-under-stamp', // a tick box with stamp ink inside it
  'read.boxes-missing', // fewer tick boxes found than options beside them (a stamp or a fold hides some)
  'read.no-table', // no ruled table found on a page where one was expected
  'read.table-guessed', // no ruled table found; cells guessed from the text lines
  'read.blank-page', // a scanned page with no ink, not sent to OCR
  'read.bad-bytes', // a text file with bytes its encoding cannot decode (replaced by U+FFFD)
  // mapping cells to fields
  'map.checkbox-none', // no box ticked among a set of options
  'map.checkbox-multiple', // more than one box ticked
  'map.checkbox-unknown-option', // a ticked box beside text that is no known option
  'map.unlabelled-row', // a row whose field could not be decided
  'map.duplicate-field', // the same label twice in one form
  'map.label-guessed', // a label cell that matched no label, taken as the one it most resembles
  // normalising values
  'normalise.budget-item-incomplete', // a budget item without a name or an amount
  'normalise.indicator-no-category', // an indicator row before any category
  'normalise.bad-date',
  'normalise.bad-amount',
  'normalise.bad-year',
  // validating the record
  'read.stray-marks', // a short value read from a scan with an unmatched bracket or a stray mark at its end
  'validate.required-missing',
  'validate.budget-sum', // budget items do not add up to the year's budget
  'validate.budget-order', // the year's budget exceeds the total budget
  'validate.date-order', // end before start
  'validate.cell-truncated', // a text cell that looks cut off
  'validate.text-structure', // a prose field holding what looks like table rows or a label
  'validate.label-in-value', // an empty field whose label was read inside another field's value
  'validate.target-incomplete', // a target that compares without a number
  'validate.target-doubted', // a target's parse, when the target itself is doubted
  'validate.schema', // the record does not satisfy the SPEC schema
  // storing: how a form stands to forms already stored (added by the store, not by extraction)
  'store.similar-key', // joined a stored form whose year, unit and project differ by an OCR-sized slip
  'store.repeated-form', // the same file holds this form again, identical; stored once
  'store.same-key-in-file', // another form of the same file has this year, unit and project but other content
  // review
  'review.conflict', // a re-extraction read a value other than both the corrected one and the one it replaced
]);
export type IssueCode = z.infer<typeof IssueCode>;

/** One doubt about one value, with where it was found. */
export const Issue = z.object({
  code: IssueCode,
  /** SPEC field name (e.g. `fundUse`, `budgetItems[1].amount`), or null for the whole form. */
  field: z.string().nullable(),
  severity: Severity,
  message: z.string(),
  /** 1-based page the doubt is about, where known. */
  page: z.number().int().positive().nullable(),
  /** Where on the page, in the page's units (PDF points, image pixels), where known. */
  bbox: BBox.optional(),
});
export type Issue = z.infer<typeof Issue>;

// ---------------------------------------------------------------------------------------------
// Source and pages

/** The file a document was read from. */
export const Source = z.object({
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: InputKind,
  bytes: z.number().int().nonnegative(),
  /** Number of pages the file holds (text exports: pages counted from page breaks). */
  pages: z.number().int().nonnegative(),
});
export type Source = z.infer<typeof Source>;

/** A run of text on a page: a pdf.js text item or an OCR word/line. */
export const TextItem = z.object({
  text: z.string(),
  bbox: BBox,
  page: z.number().int().positive(),
  via: Via,
  /** OCR confidence 0..1; absent for text layers. */
  confidence: z.number().min(0).max(1).optional(),
});
export type TextItem = z.infer<typeof TextItem>;

/** A ruling line of the table, horizontal or vertical, in page points. */
export const Segment = z.object({
  x0: z.number(),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
});
export type Segment = z.infer<typeof Segment>;

/** One page of a paginated input (PDF or image), as the readers saw it. */
export const Page = z.object({
  number: z.number().int().positive(),
  width: z.number().positive(),
  height: z.number().positive(),
  items: z.array(TextItem),
  rulings: z.array(Segment),
  /**
   * Why the page's text layer was not used (no text, mostly unreadable characters, a scanned image
   * with a few words): set by the PDF text reader, cleared once the page is read by OCR or reported.
   */
  textLayerUnusable: z.enum(['no-text', 'garbled', 'scan-with-text']).optional(),
});
export type Page = z.infer<typeof Page>;

// ---------------------------------------------------------------------------------------------
// The table grid

/**
 * One cell of the table. `text` is clean text: tags removed, entities decoded, paragraphs
 * separated by `\n`, checkboxes as the marks ☑ (ticked) and ☐ (empty) or the form's own
 * mark characters, placed where the box stands relative to its option.
 */
export const Cell = z.object({
  /** 0-based grid column (tab index in text exports). */
  col: z.number().int().nonnegative(),
  colSpan: z.number().int().positive().default(1),
  rowSpan: z.number().int().positive().default(1),
  text: z.string(),
  page: z.number().int().positive(),
  bbox: BBox.optional(),
  via: Via,
  /** Lowest word confidence in the cell (OCR only), 0..1. */
  confidence: z.number().min(0).max(1).optional(),
  /** A second OCR reading of the cell where it differs from `text` (scans: see src/scan/second-reading.ts). */
  otherReading: z.string().optional(),
  /**
   * The cell's text starts / ends a paragraph of its own (an HTML `<p>`, a PDF line starting a
   * new paragraph or ending short of the cell's edge), where the reader knows. Tells how the two
   * parts of a cell split by a page break join: with `\n`, or with nothing inside a paragraph.
   */
  opensParagraph: z.boolean().optional(),
  closesParagraph: z.boolean().optional(),
});
export type Cell = z.infer<typeof Cell>;

/**
 * One row of the grid, in reading order over the whole file. Lines outside the table (title,
 * year, unit name) are rows with one cell.
 */
export const Row = z.object({
  cells: z.array(Cell),
  page: z.number().int().positive(),
  /** True when a page break stands right before this row (a table continuing on a new page). */
  pageBreakBefore: z.boolean().default(false),
});
export type Row = z.infer<typeof Row>;

// ---------------------------------------------------------------------------------------------
// The SPEC record

export const ProjectCategory = z.enum([
  'new_municipal',
  'carry_over',
  'other_one_off',
  'recurring_special',
  'other_recurring',
]);
export type ProjectCategory = z.infer<typeof ProjectCategory>;

export const FundUse = z.enum([
  'capital_construction',
  'it_construction',
  'policy_subsidy',
  'gov_purchase_service',
  'asset_purchase',
  'other_professional',
]);
export type FundUse = z.infer<typeof FundUse>;

export const IndicatorCategory = z.enum(['input_management', 'output', 'effect', 'impact']);
export type IndicatorCategory = z.infer<typeof IndicatorCategory>;

export const TargetOp = z.enum(['>=', '<=', '=', '>', '<']);
export type TargetOp = z.infer<typeof TargetOp>;

/** A measurable indicator target, e.g. 用户满意度达90% → {>=, 90, %, 用户满意度}. */
export const TargetParsed = z.object({
  op: TargetOp,
  value: z.number().finite(),
  unit: z.string().min(1).nullable(),
  subject: z.string().min(1).nullable(),
});
export type TargetParsed = z.infer<typeof TargetParsed>;

export const Indicator = z.object({
  category: IndicatorCategory,
  name: z.string(),
  target: z.string(),
  targetParsed: TargetParsed.nullable(),
});
export type Indicator = z.infer<typeof Indicator>;

export const BudgetItem = z.object({
  name: z.string(),
  amount: z.number().finite(),
});
export type BudgetItem = z.infer<typeof BudgetItem>;

/** `source` as SPEC prints it: where the record came from. */
export const RecordSource = z.object({
  path: z.string(),
  sha256: z.string(),
  kind: InputKind,
  formIndex: z.number().int().nonnegative(),
  pages: z.array(z.number().int().positive()),
});
export type RecordSource = z.infer<typeof RecordSource>;

/** An issue as SPEC prints it. */
export const RecordIssue = Issue.pick({ field: true, code: true, severity: true, message: true });
export type RecordIssue = z.infer<typeof RecordIssue>;

const text = z.string().min(1).nullable();
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable();
const yuan = z.number().finite().nullable();

/** One form, exactly as `declx extract --format json` prints it (SPEC.md, "The record"). */
export const DeclarationRecord = z.object({
  formTitle: z.string(),
  year: z.number().int().nullable(),
  unitName: text,
  projectName: text,
  projectCategory: ProjectCategory.nullable(),
  fundUse: FundUse.nullable(),
  startDate: isoDate,
  endDate: isoDate,
  overview: text,
  basis: text,
  necessity: text,
  safeguards: text,
  totalBudget: yuan,
  currentYearBudget: yuan,
  previousYearBudget: yuan,
  previousYearExecuted: yuan,
  budgetItems: z.array(BudgetItem),
  implementationPlan: text,
  overallGoal: text,
  annualGoal: text,
  indicators: z.array(Indicator),
  remarks: text,
  source: RecordSource,
  issues: z.array(RecordIssue),
});
export type DeclarationRecord = z.infer<typeof DeclarationRecord>;

/** The long free-text fields, which may hold several paragraphs, in SPEC order. */
export const PROSE_FIELDS = [
  'overview',
  'basis',
  'necessity',
  'safeguards',
  'implementationPlan',
  'overallGoal',
  'annualGoal',
  'remarks',
] as const;
/** The text fields of the record that come from one labelled cell each, in SPEC order. */
export const TEXT_FIELDS = ['unitName', 'projectName', ...PROSE_FIELDS] as const;
export const AMOUNT_FIELDS = [
  'totalBudget',
  'currentYearBudget',
  'previousYearBudget',
  'previousYearExecuted',
] as const;
export const DATE_FIELDS = ['startDate', 'endDate'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type AmountField = (typeof AMOUNT_FIELDS)[number];
export type DateField = (typeof DATE_FIELDS)[number];
/** Every field a label cell can name. */
export type LabelledField = TextField | AmountField | DateField | 'projectCategory' | 'fundUse' | 'budgetItems' | 'indicators';

// ---------------------------------------------------------------------------------------------
// Mapped fields: the raw text of each field with its provenance, before normalisation

/**
 * The raw value of one field, as found in the grid: the text of its cells with the provenance
 * of the first (paragraph edges from the first and last cell).
 */
export const FieldValue = Cell.pick({
  text: true,
  page: true,
  bbox: true,
  via: true,
  confidence: true,
  otherReading: true,
  opensParagraph: true,
  closesParagraph: true,
});
export type FieldValue = z.infer<typeof FieldValue>;

export const MappedFields = z.object({
  formTitle: FieldValue.optional(),
  year: FieldValue.optional(),
  unitName: FieldValue.optional(),
  projectName: FieldValue.optional(),
  projectCategory: ProjectCategory.nullable().optional(),
  fundUse: FundUse.nullable().optional(),
  startDate: FieldValue.optional(),
  endDate: FieldValue.optional(),
  overview: FieldValue.optional(),
  basis: FieldValue.optional(),
  necessity: FieldValue.optional(),
  safeguards: FieldValue.optional(),
  totalBudget: FieldValue.optional(),
  currentYearBudget: FieldValue.optional(),
  previousYearBudget: FieldValue.optional(),
  previousYearExecuted: FieldValue.optional(),
  implementationPlan: FieldValue.optional(),
  overallGoal: FieldValue.optional(),
  annualGoal: FieldValue.optional(),
  remarks: FieldValue.optional(),
  budgetItems: z.array(z.object({ name: FieldValue.nullable(), amount: FieldValue.nullable() })),
  indicators: z.array(
    z.object({
      category: IndicatorCategory.nullable(),
      name: FieldValue.nullable(),
      target: FieldValue.nullable(),
    }),
  ),
});
export type MappedFields = z.infer<typeof MappedFields>;

// ---------------------------------------------------------------------------------------------
// Forms and the document

/** A form's record before validation (no `source`, no `issues` yet), with where each value came from. */
export interface NormalisedForm {
  record: Omit<DeclarationRecord, 'source' | 'issues'>;
  provenance: Record<string, FieldValue>;
  issues: Issue[];
}

/** One form found in a file: its rows, its fields, its record and its issues. */
export interface Form {
  /** 0-based position of the form within its file. */
  formIndex: number;
  /** The grid rows of this form, title row first. */
  rows: Row[];
  /** 1-based pages the form spans. */
  pages: number[];
  fields?: MappedFields;
  /** Multiplier to yuan named by each amount label (（元） → 1, （万元） → 10000; null: none named). */
  amountUnits?: Partial<Record<string, UnitMultiplier | null>>;
  /** Provenance of each record field (SPEC name → where its value came from). */
  provenance?: Record<string, FieldValue>;
  record?: DeclarationRecord;
  issues: Issue[];
}

/** A file on its way through the pipeline. Stages add to it. */
export interface Doc {
  source: Source;
  /** Decoded text (text and HTML inputs). */
  text?: string;
  /** Raw bytes of each input file in page order (PDF: one; a group of page images: one per file). */
  parts?: Uint8Array[];
  /** The file of each part, so that a bad page of a group names itself. */
  partPaths?: string[];
  /** Pages with positioned text and ruling lines (PDF and image inputs). */
  pages: Page[];
  /** The grid over the whole file, in reading order. */
  rows: Row[];
  forms: Form[];
  /** Issues that belong to the file rather than to one form. */
  issues: Issue[];
}
