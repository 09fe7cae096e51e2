/** Start-up check: an unregistered search attribute fails every workflow task that upserts it, so the worker refuses to start instead. */
import type { Connection } from '@temporalio/client';
import { LEADFLOW_SEARCH_ATTRIBUTES } from '@/workflows/search-attributes';

// temporal.api.enums.v1.IndexedValueType, and the CLI's spelling of each.
const INDEXED = { TEXT: 1, KEYWORD: 2, INT: 3, DOUBLE: 4, BOOL: 5, DATETIME: 6, KEYWORD_LIST: 7 } as const;
const CLI_TYPE = { TEXT: 'Text', KEYWORD: 'Keyword', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList' } as const;

export class MissingSearchAttributesError extends Error {
  constructor(
    readonly namespace: string,
    readonly problems: { name: string; expected: string; found?: string; command: string }[],
  ) {
    super(
      `Temporal namespace "${namespace}" lacks Leadflow's search attributes; the worker will not start:\n` +
        problems.map((p) => `  ${p.name} (${p.expected})${p.found ? ` is registered as ${p.found}` : ' is missing'} — create it with:\n    ${p.command}`).join('\n'),
    );
  }
}

/** Throws MissingSearchAttributesError naming each missing (or mistyped) attribute and the command that creates it. */
export async function assertSearchAttributes(connection: Connection, namespace: string, address?: string): Promise<void> {
  const res = await connection.operatorService.listSearchAttributes({ namespace });
  const registered = new Map<string, number>([...Object.entries(res.customAttributes ?? {}), ...Object.entries(res.systemAttributes ?? {})].map(([k, v]) => [k, Number(v)]));
  const byNumber = new Map(Object.entries(INDEXED).map(([k, v]) => [v as number, CLI_TYPE[k as keyof typeof CLI_TYPE]]));
  const problems = LEADFLOW_SEARCH_ATTRIBUTES.flatMap((key) => {
    const found = registered.get(key.name);
    if (found === INDEXED[key.type]) return [];
    const expected = CLI_TYPE[key.type];
    const command = `temporal operator search-attribute create${address ? ` --address ${address}` : ''} --namespace ${namespace} --name ${key.name} --type ${expected}`;
    return [{ name: key.name, expected, found: found === undefined ? undefined : (byNumber.get(found) ?? String(found)), command }];
  });
  if (problems.length) throw new MissingSearchAttributesError(namespace, problems);
}
