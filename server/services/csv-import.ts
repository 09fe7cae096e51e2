/** CSV import as a background job: the upload is stored in chunks; a Temporal workflow validates or captures them chunk by chunk (lib/imports/csv-chunks.ts, in the worker). */
import { parse } from 'csv-parse';
import { and, asc, eq, sql } from 'drizzle-orm';
import { pipeline, Transform, type Readable } from 'node:stream';
import type { Client } from '@temporalio/client';
import type { CsvImportInput } from '@/lib/journey/contract';
import type { Db } from '@/db/client';
import { leadImportChunks, leadImports, settings, type ImportMode, type ImportRowError } from '@/db/schema';
import { finishRun } from '@/lib/imports/csv-chunks';
import { headerKey, mappingErrors, suggestMapping } from '@/lib/imports/csv-mapping';
import { InputError } from './input-error';

export const CHUNK_ROWS = 1_000;
export const MAX_IMPORT_ROWS = 500_000;
const REMEMBERED_KEY = 'csv_import_mapping';

async function rememberedMapping(db: Db): Promise<Record<string, string>> {
  const [row] = await db.select().from(settings).where(eq(settings.key, REMEMBERED_KEY));
  return (row?.value as Record<string, string> | undefined) ?? {};
}

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** Counts bytes as they stream, so an oversized file is refused without being held in memory. */
function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.byteLength;
      if (seen > max) done(new InputError('file', `is larger than ${max / 1024 / 1024} MiB`, 'too_large'));
      else done(null, chunk);
    },
  });
}

/** Streams the file through csv-parse and stores it 1,000 rows at a time, so memory stays flat whatever its size. */
export async function storeUpload(db: Db, filename: string, input: Readable, maxBytes = MAX_UPLOAD_BYTES): Promise<{ id: string }> {
  const parser = pipeline(input, byteLimit(maxBytes), parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: false }), () => {});
  let headers: string[] | null = null;
  let importId: string | null = null;
  let batch: string[][] = [];
  let chunkIdx = 0;
  let total = 0;
  const flush = async () => {
    if (batch.length === 0 || !importId) return;
    await db.insert(leadImportChunks).values({ importId, idx: chunkIdx, firstRow: total - batch.length + 1, rows: batch });
    chunkIdx += 1;
    batch = [];
  };
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!headers) {
        headers = record.map((h, i) => h.trim() || `column ${i + 1}`);
        if (!headers.some((h) => headerKey(h) !== '')) throw new InputError('file', 'The first line must name the columns');
        const [row] = await db.insert(leadImports).values({ filename, headers }).returning({ id: leadImports.id });
        importId = row!.id;
        continue;
      }
      total += 1;
      if (total > MAX_IMPORT_ROWS) throw new InputError('file', `has more than ${MAX_IMPORT_ROWS} rows: split it`);
      batch.push(record);
      if (batch.length >= CHUNK_ROWS) await flush();
    }
    await flush();
  } catch (err) {
    if (importId) await db.delete(leadImports).where(eq(leadImports.id, importId));
    if (err instanceof InputError) throw err;
    const code = (err as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('CSV_')) throw new InputError('file', `is not valid CSV: ${(err as Error).message}`);
    throw err;
  }
  if (!importId || !headers) throw new InputError('file', 'is empty: it needs a header line and at least one row');
  const mapping = suggestMapping(headers, await rememberedMapping(db));
  await db.update(leadImports).set({ totalRows: total, chunkCount: chunkIdx, mapping }).where(eq(leadImports.id, importId));
  return { id: importId };
}

export interface RunRequest {
  importId: string;
  mode: ImportMode;
  mapping: Record<string, string>;
  source: string;
  enterJourneys: boolean;
}

/** Saves the mapping (remembered per header for next time) and readies the chunks; the caller then starts the workflow. */
export async function prepareRun(db: Db, req: RunRequest): Promise<{ workflowId: string }> {
  const [imp] = await db.select().from(leadImports).where(eq(leadImports.id, req.importId));
  if (!imp) throw new InputError('importId', 'No such import', 'not_found');
  const unknown = Object.keys(req.mapping).find((h) => !imp.headers.includes(h));
  if (unknown !== undefined) throw new InputError('mapping', `“${unknown}” is not a column of this file`);
  const problem = mappingErrors(req.mapping);
  if (problem) throw new InputError(problem.field, problem.message);
  if (imp.status === 'importing' || imp.status === 'done') throw new InputError('importId', 'This file is already imported or importing', 'conflict');
  if (imp.status === 'dry_running') throw new InputError('importId', 'A dry run is still running: wait for it to finish', 'conflict');

  await db.transaction(async (tx) => {
    await tx
      .update(leadImports)
      .set({ mapping: req.mapping, source: req.source, enterJourneys: req.enterJourneys, status: req.mode === 'dry_run' ? 'dry_running' : 'importing', lastError: null, finishedAt: null })
      .where(eq(leadImports.id, req.importId));
    if (req.mode === 'dry_run') await tx.update(leadImportChunks).set({ dryRun: null }).where(eq(leadImportChunks.importId, req.importId));
    const remembered = await rememberedMapping(tx);
    for (const [h, target] of Object.entries(req.mapping)) remembered[headerKey(h)] = target;
    await tx.insert(settings).values({ key: REMEMBERED_KEY, value: remembered }).onConflictDoUpdate({ target: settings.key, set: { value: remembered, updatedAt: new Date() } });
  });
  // A new dry run after a mapping change is a new run; the import runs once.
  return { workflowId: req.mode === 'dry_run' ? `csv-import-${req.importId}-dry-run-${Date.now()}` : `csv-import-${req.importId}` };
}

/** Starts the background run; if Temporal cannot take it, the import says so instead of looking busy forever. */
export async function startImportRun(db: Db, temporal: { client: () => Promise<Client>; taskQueue: string }, req: RunRequest): Promise<{ workflowId: string }> {
  const { workflowId } = await prepareRun(db, req);
  const [imp] = await db.select({ chunkCount: leadImports.chunkCount }).from(leadImports).where(eq(leadImports.id, req.importId));
  const args: [CsvImportInput] = [{ importId: req.importId, mode: req.mode, chunkCount: imp!.chunkCount }];
  try {
    await (await temporal.client()).workflow.start('csvImportWorkflow', { workflowId, taskQueue: temporal.taskQueue, args });
  } catch (err) {
    await finishRun(db, { importId: req.importId, mode: req.mode, error: `could not start the background job: ${String(err)}` });
    throw err;
  }
  return { workflowId };
}

const ERRORS_SHOWN = 200;

/** What the import page polls: counts so far for the current run, and the first row errors in row order. */
export async function importStatus(db: Db, importId: string) {
  const [imp] = await db.select().from(leadImports).where(eq(leadImports.id, importId));
  if (!imp) return null;
  const col = imp.status === 'uploaded' || imp.status === 'dry_running' || imp.status === 'dry_run_done' ? leadImportChunks.dryRun : leadImportChunks.imported;
  const mode: ImportMode = col === leadImportChunks.dryRun ? 'dry_run' : 'import';
  const [agg] = await db
    .select({
      processed: sql<number>`coalesce(sum(jsonb_array_length(${leadImportChunks.rows})) filter (where ${col} is not null), 0)::int`,
      created: sql<number>`coalesce(sum((${col}->>'created')::int), 0)::int`,
      merged: sql<number>`coalesce(sum((${col}->>'merged')::int), 0)::int`,
      failed: sql<number>`coalesce(sum((${col}->>'failed')::int), 0)::int`,
    })
    .from(leadImportChunks)
    .where(eq(leadImportChunks.importId, importId));
  const errorRows = await db
    .select({ errors: sql<ImportRowError[]>`${col}->'errors'` })
    .from(leadImportChunks)
    .where(and(eq(leadImportChunks.importId, importId), sql`jsonb_array_length(coalesce(${col}->'errors', '[]'::jsonb)) > 0`))
    .orderBy(asc(leadImportChunks.idx))
    .limit(ERRORS_SHOWN);
  const errors = errorRows.flatMap((r) => r.errors).slice(0, ERRORS_SHOWN);
  const sample = await db
    .select({ rows: leadImportChunks.rows })
    .from(leadImportChunks)
    .where(and(eq(leadImportChunks.importId, importId), eq(leadImportChunks.idx, 0)));
  const { headers: _h, ...rest } = imp;
  return { ...rest, headers: imp.headers, mode, processed: agg?.processed ?? 0, created: agg?.created ?? 0, merged: agg?.merged ?? 0, failed: agg?.failed ?? 0, errors, sample: (sample[0]?.rows ?? []).slice(0, 5) };
}

export async function recentImports(db: Db) {
  return db
    .select({ id: leadImports.id, filename: leadImports.filename, totalRows: leadImports.totalRows, status: leadImports.status, createdAt: leadImports.createdAt })
    .from(leadImports)
    .orderBy(sql`${leadImports.createdAt} desc`)
    .limit(10);
}
