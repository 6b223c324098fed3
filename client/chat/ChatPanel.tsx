import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { CHAT_MAX_LENGTH, type ChannelId, type ChatMessage } from '../../shared/chat';
import { CountryFlag } from '../app/CountryFlag';
import { closeChannel, deleteMessage, loadOlder, markRead, openChannel, reportMessage, sendMessage } from '../net/chat';
import { emptyChannel, useChatStore } from '../state/chat';
import { useSessionStore } from '../state/session';
import { type ChatStrings, fill, stringsFor } from './chat-strings';
import { GuestEntry } from './GuestEntry';
import { MessageText } from './MessageText';
import './chat.css';

export interface ChatPanelProps {
  channel: ChannelId;
  title: string;
  /** The interface language (message texts stay in their author's language). */
  language: string;
  /** Shown under the notice when a booth has no staff online (e.g. the next free meeting slot). */
  whenUnstaffed?: ReactNode;
  /** The panel's heading level where it sits (2 on a page, 3 inside a panel headed by an h2). */
  headingLevel?: 2 | 3;
}

/** One conversation: its messages, a composer, and what the viewer needs to know (unstaffed booth, muted…). */
export function ChatPanel({ channel, title, language, whenUnstaffed, headingLevel = 2 }: ChatPanelProps) {
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const s = stringsFor(language);
  const account = useSessionStore((st) => st.account);
  const view = useChatStore((st) => st.channels[channel]) ?? emptyChannel;
  const restriction = useChatStore((st) => st.restriction);
  const refused = useChatStore((st) => st.refused);
  const logRef = useRef<HTMLOListElement>(null);
  const headingId = useId();

  // A login or guest entry reconnects the socket, and ChatSync rejoins its channels as the new person.
  useEffect(() => {
    void openChannel(channel);
    return () => closeChannel(channel);
  }, [channel]);

  // Keep the newest message in view, and count what is on screen as read.
  const count = view.messages.length;
  useEffect(() => {
    const log = logRef.current;
    if (log && count > 0) {
      log.scrollTop = log.scrollHeight;
      void markRead(channel);
    }
  }, [count, channel]);

  const isOrganiser = account?.role === 'organiser';
  return (
    <section className="chat-panel" aria-labelledby={headingId}>
      <Heading id={headingId} className="chat-panel__title">
        {title}
      </Heading>
      {view.booth && <BoothStaffStatus booth={view.booth} s={s} isStaff={false} />}
      {view.booth?.staffOnline === 0 && whenUnstaffed}
      {view.error === 'FORBIDDEN' ? (
        <p className="chat-panel__notice">{s.forbidden}</p>
      ) : view.error ? (
        <p className="chat-panel__notice">{s.unavailable}</p>
      ) : null}
      {view.hasMore && (
        <button type="button" className="button button--quiet" onClick={() => void loadOlder(channel)}>
          {s.loadOlder}
        </button>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard to scroll it */}
      <ol ref={logRef} className="chat-panel__log" aria-label={s.log} aria-live="polite" tabIndex={0}>
        {count === 0 && view.pending.length === 0 && <li className="chat-panel__empty">{s.empty}</li>}
        {view.messages.map((m) => (
          <MessageItem
            key={m.id}
            message={m}
            own={m.authorId === account?.id}
            language={language}
            s={s}
            canDelete={isOrganiser}
          />
        ))}
        {view.pending.map((p) => (
          <li key={p.id} className="chat-message chat-message--own chat-message--pending">
            <MessageText text={p.body} />
            <span className="chat-message__meta">{s.sending}</span>
          </li>
        ))}
      </ol>
      {restriction && (
        <p role="status" className="chat-panel__notice chat-panel__notice--alert">
          {restriction.action === 'ban'
            ? fill(s.banned, { reason: restriction.reason })
            : restriction.until
              ? fill(s.mutedUntil, { reason: restriction.reason, until: formatTime(restriction.until, language) })
              : fill(s.muted, { reason: restriction.reason })}
        </p>
      )}
      {refused?.channel === channel && (
        <p role="alert" className="chat-panel__notice chat-panel__notice--alert">
          {fill(s.refused, { message: refused.message })}
        </p>
      )}
      {account ? (
        <Composer channel={channel} language={language} s={s} />
      ) : (
        <GuestEntry language={language} prompt={s.enterToChat} />
      )}
    </section>
  );
}

function BoothStaffStatus({
  booth,
  s,
}: {
  booth: { staffOnline: number; waiting: number };
  s: ChatStrings;
  isStaff: boolean;
}) {
  return booth.staffOnline > 0 ? (
    <p className="chat-panel__staff" data-staff-online={booth.staffOnline}>
      <span className="status-dot status-dot--online" aria-hidden="true" />
      {fill(s.staffOnline, { count: booth.staffOnline })}
    </p>
  ) : (
    <p className="chat-panel__staff chat-panel__staff--away" data-staff-online={0}>
      <span className="status-dot" aria-hidden="true" />
      {s.unstaffed}
    </p>
  );
}

function MessageItem({
  message,
  own,
  language,
  s,
  canDelete,
}: {
  message: ChatMessage;
  own: boolean;
  language: string;
  s: ChatStrings;
  canDelete: boolean;
}) {
  const [reported, setReported] = useState(false);
  async function report() {
    const reason = window.prompt(s.reportReason);
    if (!reason?.trim()) return;
    if ((await reportMessage(message.id, reason.trim())) === null) setReported(true);
  }
  async function remove() {
    if (window.confirm(s.removeConfirm)) await deleteMessage(message.id);
  }
  return (
    <li className={`chat-message${own ? ' chat-message--own' : ''}`} lang={message.lang}>
      <span className="chat-message__author" lang={language}>
        {message.authorCountry && (
          <>
            <CountryFlag code={message.authorCountry} language={language} named />{' '}
          </>
        )}
        {message.authorName}
        {message.authorIsStaff && <span className="chat-message__badge">{s.staffBadge}</span>}
      </span>
      <MessageText text={message.body} />
      <span className="chat-message__meta" lang={language}>
        <time dateTime={message.createdAt}>{formatTime(message.createdAt, language)}</time>
        {!own && !reported && (
          <button
            type="button"
            className="link-button"
            onClick={report}
            aria-label={`${s.report}: ${message.authorName}`}
          >
            {s.report}
          </button>
        )}
        {reported && <span>{s.reported}</span>}
        {canDelete && (
          <button
            type="button"
            className="link-button"
            onClick={remove}
            aria-label={`${s.remove}: ${message.authorName}`}
          >
            {s.remove}
          </button>
        )}
      </span>
    </li>
  );
}

function Composer({ channel, language, s }: { channel: ChannelId; language: string; s: ChatStrings }) {
  const [text, setText] = useState('');
  const id = useId();
  const hintId = useId();
  const left = CHAT_MAX_LENGTH - text.length;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const body = text.trim();
    if (!body || left < 0) return;
    sendMessage(channel, body, language);
    setText('');
  }
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends, Shift+Enter is a new line; never while an IME is composing Japanese.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }
  return (
    <form className="chat-composer" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {s.composerLabel}
      </label>
      <textarea
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={s.composerPlaceholder}
        rows={2}
        aria-describedby={hintId}
      />
      <span id={hintId} className={`chat-composer__hint${left < 100 ? ' chat-composer__hint--warn' : ''}`}>
        {left < 200 ? fill(s.charsLeft, { count: left }) : ''}
      </span>
      <button type="submit" className="button button--primary" disabled={!text.trim() || left < 0}>
        {s.send}
      </button>
    </form>
  );
}

function formatTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}
