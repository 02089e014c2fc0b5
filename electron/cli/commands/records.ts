import type { RecordView } from '../../../shared/bridge/types';
import { AppError } from '../../core/errors';
import type { RecordsCommand } from '../args';
import { openForReading, servicesFor, withSession, type CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { cell, table } from '../format';
import { UsageError } from '../usage-error';
import type { CommandResult } from './result';

/** `evidence records`: one page of cached records through the core's query (keyset paging; `next` continues). */
export async function recordsCommand(cmd: RecordsCommand, ctx: CommandContext): Promise<CommandResult> {
  const session = openForReading(cmd.cacheDir, { workspaceId: cmd.workspaceId, apiBaseUrl: cmd.apiBaseUrl }, ctx.host);
  const workspaceId = session.workspace.id;
  const page = await withSession(session, ctx.host.signal, (s) => servicesFor(s).queryRecords(cmd.query, progressless)).catch((error: unknown) => {
    // The only request the core can refuse here is a cursor it did not issue: a bad flag value.
    if (error instanceof AppError && error.code === 'invalid-request' && cmd.query.cursor) throw new UsageError(error.message, 'Use the cursor the previous page printed, or leave --cursor out to start from the top.');
    throw error;
  });
  const records = page.records.map(view);
  const more = page.next ? `\nMore records: add --cursor ${page.next}` : '';
  return {
    exit: EXIT.ok,
    human: `${table(['TIME', 'TYPE', 'ID', 'VERDICT', 'REQUEST', 'ESCALATION', 'ENV'], page.records.map(row))}\n${records.length} record${records.length === 1 ? '' : 's'} · workspace ${workspaceId}${more}`,
    json: { workspace: { id: workspaceId }, records, nextCursor: page.next },
  };
}

const progressless = { emit: () => undefined };

/** The record's columns, and the record itself parsed from the exact JSON the cache keeps. */
function view({ raw, ...columns }: RecordView) {
  return { ...columns, record: JSON.parse(raw) as unknown };
}

function row(r: RecordView): string[] {
  return [cell(r.time), r.type, cell(r.recordId), cell(r.verdict), cell(r.requestId), cell(r.escalationId), cell(r.environment)];
}
