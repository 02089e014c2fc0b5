import type { RequestOf } from '../../../shared/bridge/contract';
import type { BridgeServices } from '../bridge/services';
import { countRecords, queryRecords, type RecordFilter } from '../cache/records';
import type { ServiceHost } from './host';

type FilterRequest = Omit<RequestOf<'queryRecords'>, 'limit' | 'cursor' | 'offset'>;

/** The bridge's filters (times as RFC 3339) as the cache's (times as ms), in the current workspace. */
function filterOf(workspaceId: string, { from, to, ...filters }: FilterRequest): RecordFilter {
  return { workspaceId, ...filters, ...(from ? { fromMs: Date.parse(from) } : {}), ...(to ? { toMs: Date.parse(to) } : {}) };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** queryRecords and countRecords: the records browser over the current workspace's cache. */
export function recordServices(host: ServiceHost): Pick<BridgeServices, 'queryRecords' | 'countRecords'> {
  return {
    queryRecords: async ({ limit, cursor, offset, ...filters }) => {
      const session = host.session();
      const page = queryRecords(session.db, {
        ...filterOf(session.workspace.id, filters),
        ...(limit !== undefined ? { limit } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
        ...(offset !== undefined ? { offset } : {}),
      });
      return { records: page.records.map(({ timeMs, ...r }) => ({ ...r, time: iso(timeMs) })), next: page.next };
    },
    countRecords: async (filters) => {
      const session = host.session();
      return { total: countRecords(session.db, filterOf(session.workspace.id, filters)) };
    },
  };
}
