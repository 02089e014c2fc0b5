import { useEffect } from 'react';
import { useNavigation } from '../../stores/navigation';
import { useNote, type NoteField, type NoteProblems } from '../../stores/note';
import { LimitationsField } from './LimitationsField';
import { ContextFields, IdFields, PurposeFields, ReviewerFields } from './NoteFieldsets';
import { NotePreview } from './NotePreview';
import './note.css';

/** How long the preview waits after the last change before asking for NOTE.md again. */
export const PREVIEW_DELAY_MS = 350;

/** The form's fields in screen order, with the element that takes the focus when the field has a problem. */
const FIELD_ELEMENTS: [NoteField, string][] = [
  ['why', 'note-why'],
  ['supports', 'note-supports'],
  ['requestIds', 'note-request-ids'],
  ['escalationIds', 'note-escalation-ids'],
  ['limitations', 'note-limitation-1'],
  ['freeText', 'note-free-text'],
  ['reviewerName', 'note-reviewer-name'],
  ['reviewerEmail', 'note-reviewer-email'],
];

function focusFirstProblem(problems: NoteProblems): void {
  const first = FIELD_ELEMENTS.find(([field]) => problems[field]);
  if (first) document.getElementById(first[1])?.focus();
}

/** The scope cannot be resolved: the note has nothing to be filled from. */
function NoScope() {
  const go = useNavigation((s) => s.go);
  return (
    <div className="note-blocked" data-testid="note-no-scope">
      <p>
        <strong>The scope has problems</strong>, so the note cannot be filled in from it yet.
      </p>
      <button type="button" onClick={() => go('scope')}>
        Go to the Scope step
      </button>
    </div>
  );
}

/**
 * The Note step: the packet's note, pre-filled from the scope, the latest validation's limitations and
 * the remembered reviewer, with a preview of NOTE.md as it will be written.
 */
export function NoteScreen() {
  const sourceStatus = useNote((s) => s.source.status);
  const draft = useNote((s) => s.draft);
  const prefill = useNote((s) => s.prefill);
  const loadPreview = useNote((s) => s.loadPreview);
  const go = useNavigation((s) => s.go);

  useEffect(() => {
    void prefill();
  }, [prefill]);

  useEffect(() => {
    if (sourceStatus !== 'ready') return;
    const timer = setTimeout(() => void loadPreview(), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, sourceStatus, loadPreview]);

  const onContinue = () => {
    if (useNote.getState().check()) go('packet');
    else focusFirstProblem(useNote.getState().problems);
  };

  if (sourceStatus === 'no-scope') return <NoScope />;
  if (sourceStatus === 'idle' || sourceStatus === 'loading') return <p className="muted" role="status">Filling in the note from the scope and the latest validation…</p>;
  return (
    <div className="note-screen">
      <form className="note-form" noValidate onSubmit={(e) => e.preventDefault()} aria-label="Packet note">
        <PurposeFields />
        <IdFields />
        <LimitationsField />
        <ContextFields />
        <ReviewerFields />
      </form>
      <NotePreview />
      <div className="actions note-actions">
        <button type="button" className="primary" onClick={onContinue}>
          Continue to Packet
        </button>
      </div>
    </div>
  );
}
