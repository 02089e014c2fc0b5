import { useId, useState, type FormEvent } from 'react';
import { useVerify, type TrustState } from '../../stores/verify';

/** Trust the packet's signer under a name the user gives; the name must not be empty. */
export function TrustSignerForm({ trust }: { trust: TrustState }) {
  const trustSigner = useVerify((s) => s.trust);
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const id = useId();
  const empty = name.trim() === '';
  const invalid = tried && empty;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!empty) void trustSigner(name);
  };
  return (
    <form className="trust-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Trust this signer…</h3>
      <label htmlFor={`${id}-name`}>Signer's name (who you know this key belongs to)</label>
      <div className="trust-row">
        <input
          id={`${id}-name`}
          type="text"
          value={name}
          maxLength={200}
          autoComplete="off"
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="primary" disabled={trust.busy}>
          {trust.busy ? 'Trusting…' : 'Trust this signer'}
        </button>
      </div>
      {invalid && (
        <p id={`${id}-error`} className="field-error">
          Enter a name for this signer.
        </p>
      )}
      {trust.error && (
        <p role="alert" className="field-error">
          {trust.error.message} {trust.error.hint}
        </p>
      )}
    </form>
  );
}
