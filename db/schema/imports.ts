/** CSV imports: the uploaded rows in chunks, and each chunk's outcome per run, so a background job can resume and report. */
import type { Text } from '@/lib/i18n/server-text';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export type ImportMode = 'dry_run' | 'import';
export interface ImportRowError {
  row: number;
  field: string;
  message: string;
  /** The message's key and params (lib/i18n/server-text), so the import page words it in the reader's language. */
  text?: Text;
}
export interface ImportChunkResult {
  created: number;
  merged: number;
  failed: number;
  errors: ImportRowError[];
}

export const leadImports = pgTable(
  'lead_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    filename: text('filename').notNull(),
    headers: jsonb('headers').$type<string[]>().notNull(),
    totalRows: integer('total_rows').notNull().default(0),
    chunkCount: integer('chunk_count').notNull().default(0),
    /** CSV header → lead field (or '' to skip), chosen by the marketer before a run. */
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull().default({}),
    source: text('source').notNull().default('csv_import'),
    enterJourneys: boolean('enter_journeys').notNull().default(true),
    status: text('status', { enum: ['uploaded', 'dry_running', 'dry_run_done', 'importing', 'done', 'failed'] }).notNull().default('uploaded'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('lead_imports_created_idx').on(t.createdAt)],
);

export const leadImportChunks = pgTable(
  'lead_import_chunks',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => leadImports.id, { onDelete: 'cascade' }),
    idx: integer('idx').notNull(),
    /** Row number (1-based, header excluded) of the chunk's first row. */
    firstRow: integer('first_row').notNull(),
    rows: jsonb('rows').$type<string[][]>().notNull(),
    dryRun: jsonb('dry_run').$type<ImportChunkResult>(),
    imported: jsonb('imported').$type<ImportChunkResult>(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.idx] })],
);
