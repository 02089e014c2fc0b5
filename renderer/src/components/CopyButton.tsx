import { useState } from 'react';

/** Copies text to the clipboard and says whether that worked (the app may refuse clipboard access). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [outcome, setOutcome] = useState<'copied' | 'refused' | null>(null);
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('refused');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="copy-outcome">
        {outcome === 'copied' && 'Copied.'}
        {outcome === 'refused' && 'Copying was not allowed here: select the text and copy it yourself.'}
      </span>
    </>
  );
}

/** A value in code type (a sha256, a fingerprint) with a button to copy it. */
export function CopyableCode({ text, label, className, testId }: { text: string; label: string; className?: string; testId?: string }) {
  return (
    <>
      <code className={className} data-testid={testId}>
        {text}
      </code>{' '}
      <CopyButton text={text} label={label} />
    </>
  );
}
