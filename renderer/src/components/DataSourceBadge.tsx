import type { DataSource } from '../../../shared/bridge/types';

/** Says plainly where evidence comes from; demo data is marked so nobody mistakes it for real traffic. */
export function DataSourceBadge({ source }: { source: DataSource | null }) {
  if (!source) return null;
  switch (source.kind) {
    case 'demo':
      return (
        <span className="badge badge-demo" title={`Sample API at ${source.apiBaseUrl}`}>
          Demo data — not real traffic
        </span>
      );
    case 'keeptrusts':
      return <span className="badge">Keeptrusts: {new URL(source.apiBaseUrl).host}</span>;
    case 'offline':
      return <span className="badge">Offline: imported files</span>;
    case 'none':
      return <span className="badge">No workspace</span>;
  }
}
