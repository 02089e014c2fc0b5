import { assertNever } from '../../../../shared/result';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNote } from '../../stores/note';

function status(preview: ReturnType<typeof useNote.getState>['preview']): string {
  switch (preview.status) {
    case 'idle':
      return '';
    case 'incomplete':
      return 'The preview appears once why and your name are filled in (and no field has an error).';
    case 'loading':
      return 'Updating the preview…';
    case 'ready':
      return 'Up to date.';
    case 'error':
      return '';
    default:
      return assertNever(preview);
  }
}

/** NOTE.md as the packet will carry it, as plain text (never rendered as HTML); refreshed as the fields change. */
export function NotePreview() {
  const preview = useNote((s) => s.preview);
  const markdown = preview.status === 'ready' ? preview.markdown : preview.status === 'loading' ? preview.markdown : null;
  return (
    <section className="note-preview" aria-labelledby="note-preview-heading">
      <h2 id="note-preview-heading">Preview of NOTE.md</h2>
      <p className="hint">The packet id, the time, the files and the signer are filled in when the packet is written.</p>
      <p className="preview-status" role="status" data-testid="note-preview-status">
        {status(preview)}
      </p>
      {preview.status === 'error' ? (
        <ErrorAlert className="note-error" title="The preview could not be made." error={preview.error} />
      ) : null}
      {markdown !== null ? (
        // Focusable so the keyboard can scroll it; labelled so screen readers say what it is.
        <pre className="note-markdown" tabIndex={0} aria-label="NOTE.md preview" data-testid="note-preview" aria-busy={preview.status === 'loading'}>
          {markdown}
        </pre>
      ) : null}
    </section>
  );
}
