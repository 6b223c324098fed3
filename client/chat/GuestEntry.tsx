import { type FormEvent, useId, useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useSessionStore } from '../state/session';
import { stringsFor } from './chat-strings';
import { countryOptions, guessCountry } from './countries';
import './GuestEntry.css';

/** The smallest way in: a name and a country, nothing else. Used wherever an action needs someone to be known. */
export function GuestEntry({ language, prompt }: { language: string; prompt: string }) {
  const s = stringsFor(language);
  const enterAsGuest = useSessionStore((st) => st.enterAsGuest);
  // Logging in comes back here, to the action that asked for it.
  const location = useLocation();
  const [name, setName] = useState('');
  const [country, setCountry] = useState(guessCountry);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const options = useMemo(() => countryOptions(language), [language]);
  const nameId = useId();
  const countryId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await enterAsGuest({
      displayName: name,
      country,
      language,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    setBusy(false);
    if (!result.ok) setError(result.message);
  }

  return (
    <form className="guest-entry" onSubmit={submit}>
      <p>{prompt}</p>
      <label htmlFor={nameId}>{s.guestName}</label>
      <input
        id={nameId}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={60}
        autoComplete="nickname"
      />
      <label htmlFor={countryId}>{s.guestCountry}</label>
      <select id={countryId} value={country} onChange={(e) => setCountry(e.target.value)}>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="guest-entry__actions">
        <button type="submit" className="button button--primary" disabled={busy || name.trim() === ''}>
          {s.guestEnter}
        </button>
        <Link to="/login" state={{ from: `${location.pathname}${location.search}` }}>
          {s.orLogIn}
        </Link>
      </div>
    </form>
  );
}
