import type { VerificationView } from '../../../../shared/bridge/types';

const bytes = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** Every file entry of the zip, with whether it checked out. */
export function FilesTable({ files }: { files: VerificationView['files'] }) {
  return (
    <section aria-labelledby="files-heading" className="verify-section">
      <h2 id="files-heading">Files in the packet</h2>
      <table className="files-table">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col" className="numeric">
              Bytes
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {files.map((file) => (
            <tr key={file.path}>
              <td>
                <code>{file.path}</code>
              </td>
              <td className="numeric">{bytes.format(file.bytes)}</td>
              <td className={file.ok ? 'file-ok' : 'file-bad'}>{file.ok ? '✓ OK' : '✗ Not OK'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
