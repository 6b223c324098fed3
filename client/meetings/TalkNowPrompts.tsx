/**
 * Staff side of "Talk now": wherever they are in the app, a visitor's request appears with Accept and Not now.
 * Accepting starts the meeting and opens its call. Mount once in the app frame.
 */
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorCode } from '../../shared/errors';
import { pickText } from '../../shared/i18n';
import { answerTalk, listenForTalkNow } from '../net/talk-now';
import { useUiStore } from '../state/ui';
import { fill, meetingStringsFor } from './meeting-strings';
import { useTalkNowStore } from './talk-now-store';
import './meetings.css';

export function TalkNowPrompts() {
  const language = useUiStore((st) => st.language);
  const prompts = useTalkNowStore((st) => st.prompts);
  const [notice, setNotice] = useState<string | null>(null);
  const navigate = useNavigate();
  const s = meetingStringsFor(language);

  useEffect(() => listenForTalkNow(), []);

  const answer = async (requestId: string, accept: boolean) => {
    const result = await answerTalk(requestId, accept);
    if (result.ok) {
      setNotice(null);
      if (result.meetingId) void navigate(`/meetings/${result.meetingId}/call`);
    } else {
      setNotice(result.code === ErrorCode.NOT_FOUND ? s.talkNowGone : fill(s.failed, { message: result.message }));
    }
  };

  if (prompts.length === 0 && !notice) return null;
  return (
    <div className="talk-prompts" role="alert" aria-live="assertive">
      {prompts.map((p) => (
        <div key={p.requestId} className="meeting-reminder" data-testid="talk-prompt">
          <span>{fill(s.talkNowPrompt, { name: p.fromName, booth: pickText(p.boothName, language) })}</span>
          <button
            type="button"
            className="button button--small button--primary"
            onClick={() => void answer(p.requestId, true)}
          >
            {s.talkNowAccept}
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => void answer(p.requestId, false)}
          >
            {s.talkNowDecline}
          </button>
        </div>
      ))}
      {notice && (
        <div className="meeting-reminder">
          <span>{notice}</span>
          <button type="button" className="button button--small button--quiet" onClick={() => setNotice(null)}>
            {s.dismiss}
          </button>
        </div>
      )}
    </div>
  );
}
