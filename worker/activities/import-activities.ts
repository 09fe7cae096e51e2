/** CSV import activities: one chunk at a time through the same capture service the API uses. */
import type { Db } from '@/db/client';
import type { CsvImportActivities } from '@/lib/journey/contract';
// eslint-disable-next-line no-restricted-imports -- CSV import runs through the capture path ingestion (i10) is reshaping this round; moves to lib/ after it
import { finishRun, processChunk } from '@/server/services/csv-import';

export function createImportActivities(deps: { db: Db }): CsvImportActivities {
  return {
    async importChunk(input) {
      const { created, merged, failed } = await processChunk(deps.db, input);
      return { created, merged, failed };
    },
    async finishImport(input) {
      await finishRun(deps.db, input);
    },
  };
}
