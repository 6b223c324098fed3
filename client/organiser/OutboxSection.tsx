import type { OutboxView } from '../../shared/organiser';
import { type T, When } from './console-kit';

/** The mails the expo sent (reset links hidden: only their recipient has them). */
export function OutboxSection({ t, outbox }: { t: T; outbox: OutboxView | null }) {
  if (!outbox || outbox.mails.length === 0) return <p>{t('organiser.outboxEmpty')}</p>;
  return (
    <ul data-testid="outbox">
      {outbox.mails.map((m) => (
        <li key={m.id}>
          <details>
            <summary>
              <When instant={m.createdAt} /> → {m.to}: {m.subject} ({m.transport}
              {m.error ? `, ${m.error}` : ''})
            </summary>
            {m.body && <pre>{m.body}</pre>}
          </details>
        </li>
      ))}
    </ul>
  );
}
