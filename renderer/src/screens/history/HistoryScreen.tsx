import { Fragment, useEffect } from 'react';
import type { PacketHistoryView } from '../../../../shared/bridge/types';
import { CompactVerdict } from '../../components/CompactVerdict';
import { CopyableCode } from '../../components/CopyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UtcTime } from '../../components/UtcTime';
import { useHistory } from '../../stores/history';
import { useNavigation } from '../../stores/navigation';
import { RevealOutcome } from '../packet/PackResult';
import { CustodyEntries } from './CustodyEntries';
import '../packet/packet.css';
import './history.css';

const COLUMNS = 6;

/** One packet's details: what can be done with it, the last verification, and its custody entries. */
function Details({ packet, id }: { packet: PacketHistoryView; id: string }) {
  const check = useHistory((s) => s.checks[packet.packetId]) ?? { status: 'idle' as const };
  const reveal = useHistory((s) => s.reveals[packet.packetId]) ?? { status: 'idle' as const };
  const verify = useHistory((s) => s.verify);
  const showInFolder = useHistory((s) => s.reveal);
  const packAgain = useHistory((s) => s.packAgain);
  return (
    <tr id={id} className="history-details">
      <td colSpan={COLUMNS}>
        <div className="actions">
          <button type="button" className="primary" onClick={() => void verify(packet.packetId)} disabled={!packet.present || check.status === 'verifying'}>
            Verify
          </button>
          <button type="button" onClick={() => void showInFolder(packet.packetId)} disabled={!packet.present || reveal.status === 'busy'}>
            Show in folder
          </button>
          <button type="button" onClick={packAgain} aria-describedby={`${id}-again`}>
            Pack again
          </button>
        </div>
        <p id={`${id}-again`} className="hint">
          Pack again opens the Packet step to make a new packet from the scope and note now in the Scope and Note steps.
          {packet.present ? '' : ' Verify and Show in folder need the file, which is no longer where it was written.'}
        </p>
        <p role="status" className="reveal-status">
          <RevealOutcome reveal={reveal} />
        </p>
        <CompactVerdict check={check} testId={`${id}-verdict`} />
        {packet.sha256 ? (
          <p className="history-sha">
            SHA-256: <CopyableCode text={packet.sha256} label="Copy SHA-256" />
          </p>
        ) : null}
        <CustodyEntries entries={packet.entries} caption={`Custody entries of ${packet.packetId}`} />
      </td>
    </tr>
  );
}

function Row({ packet, index }: { packet: PacketHistoryView; index: number }) {
  const expanded = useHistory((s) => s.expanded.includes(packet.packetId));
  const toggle = useHistory((s) => s.toggle);
  const detailsId = `history-packet-${index}`;
  return (
    <Fragment>
      <tr className={expanded ? 'history-row open' : 'history-row'}>
        <td>
          <button type="button" className="disclosure" aria-expanded={expanded} aria-controls={expanded ? detailsId : undefined} onClick={() => toggle(packet.packetId)} aria-label={`Details of ${packet.packetId}`}>
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> Details
          </button>
        </td>
        <td>
          <UtcTime at={packet.createdAt} />
        </td>
        <td>
          <code>{packet.packetId}</code>
        </td>
        <td className="nowrap">{packet.sha256 ? <code title={packet.sha256}>{packet.sha256.slice(0, 12)}…</code> : <span className="muted">—</span>}</td>
        <td>{packet.path ? <code className="history-path">{packet.path}</code> : <span className="muted">never exported</span>}</td>
        <td className={packet.present ? 'nowrap present' : 'nowrap missing'}>{packet.present ? 'Present' : 'Missing'}</td>
      </tr>
      {expanded ? <Details packet={packet} id={detailsId} /> : null}
    </Fragment>
  );
}

/** The History step: the packets made in this workspace, each with its custody entries; verify, show or pack again. */
export function HistoryScreen() {
  const list = useHistory((s) => s.list);
  const load = useHistory((s) => s.load);
  const go = useNavigation((s) => s.go);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="history-screen">
      <div className="actions">
        <button type="button" onClick={() => void load()} disabled={list.status === 'loading'}>
          Refresh
        </button>
      </div>
      <p role="status" className="history-status">
        {list.status === 'loading' ? 'Reading the packets…' : list.status === 'ready' ? `${list.packets.length} ${list.packets.length === 1 ? 'packet' : 'packets'} in this workspace.` : ''}
      </p>
      {list.status === 'error' ? (
        <ErrorAlert className="packet-error" title="The packets could not be listed." error={list.error} />
      ) : null}
      {list.status === 'ready' && list.packets.length === 0 ? (
        <div className="history-empty">
          <p>No packets have been made in this workspace yet.</p>
          <button type="button" className="primary" onClick={() => go('packet')}>
            Go to the Packet step
          </button>
        </div>
      ) : null}
      {list.packets.length > 0 ? (
        <table className="history-table" data-testid="history-table">
          <caption>Packets made in this workspace, newest first</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Details</span>
              </th>
              <th scope="col">Created</th>
              <th scope="col">Packet id</th>
              <th scope="col" className="nowrap">
                SHA-256
              </th>
              <th scope="col">Where it was written</th>
              <th scope="col">File</th>
            </tr>
          </thead>
          <tbody>
            {list.packets.map((packet, index) => (
              <Row key={packet.packetId} packet={packet} index={index} />
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
