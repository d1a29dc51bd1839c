import { useState } from 'react';
import { api, auth } from '../api';

/** Sign in with an API key (`curb keys create`, or the one printed at first start). Kept in sessionStorage only. */
export function SignIn(props: { onSignedIn: () => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: { preventDefault: () => void }) => {
    e.preventDefault();
    auth.set(key.trim());
    try {
      await api('/v1/location');
      props.onSignedIn();
    } catch {
      auth.clear();
      setError('That key was not accepted. Create one with `curb keys create`.');
    }
  };
  return (
    <div className="signin">
      <form className="card" onSubmit={submit}>
        <h1>Curb</h1>
        <p className="muted">Sign in with an API key. It stays in this tab only (sessionStorage) and is sent as a Bearer token.</p>
        <label>
          API key
          <input name="apiKey" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} required />
        </label>
        {error ? <p className="error" role="alert">{error}</p> : null}
        <button type="submit">Sign in</button>
      </form>
    </div>
  );
}
