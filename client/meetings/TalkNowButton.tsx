/**
 * "Talk now" for a visitor at a booth whose staff are online: asks for an instant call, shows that it is waiting
 * (with withdraw), and enters the call when a staff member accepts. Hidden when no staff are online (the booth
 * panel then shows the next free slot) and for the booth's own staff.
 */
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { ErrorCode } from '../../shared/errors';
import { askToTalk, withdrawTalk } from '../net/talk-now';
import { useChatStore } from '../state/chat';
import { useSessionStore } from '../state/session';
import { useUiStore } from '../state/ui';
import { fill, type MeetingStrings, meetingStringsFor } from './meeting-strings';
import { type OutgoingTalk, useTalkNowStore } from './talk-now-store';

export function TalkNowButton({ boothId, staffIds }: { boothId: string; staffIds: string[] }) {
  const language = useUiStore((st) => st.language);
  const accountId = useSessionStore((st) => st.account?.id);
  const staffOnline = useChatStore((st) => st.channels[`booth:${boothId}`]?.booth?.staffOnline ?? 0);
  const outgoing = useTalkNowStore((st) => (st.outgoing?.boothId === boothId ? st.outgoing : null));
  const navigate = useNavigate();
  const s = meetingStringsFor(language);
  const acceptedMeeting = outgoing?.phase === 'ended' && outgoing.reason === 'accepted' ? outgoing.meetingId : null;

  useEffect(() => {
    if (!acceptedMeeting) return;
    useTalkNowStore.getState().setOutgoing(null);
    void navigate(`/meetings/${acceptedMeeting}/call`);
  }, [acceptedMeeting, navigate]);

  if (accountId && staffIds.includes(accountId)) return null;
  const asking = outgoing?.phase === 'asking';
  if (staffOnline === 0 && !asking) return null;

  return (
    <div className="talk-now" data-testid="talk-now">
      {asking ? (
        <>
          <span role="status">{s.talkNowAsking}</span>
          <button type="button" className="button button--small button--quiet" onClick={() => void withdrawTalk()}>
            {s.talkNowWithdraw}
          </button>
        </>
      ) : (
        <button type="button" className="button button--primary" onClick={() => void askToTalk(boothId)}>
          {s.talkNow}
        </button>
      )}
      {outgoing && !asking && <p role="status">{outcomeText(outgoing, s)}</p>}
    </div>
  );
}

function outcomeText(outgoing: OutgoingTalk, s: MeetingStrings): string {
  switch (outgoing.phase) {
    case 'asking':
      return s.talkNowAsking;
    case 'ended':
      return outgoing.reason === 'accepted' ? s.talkNowAccepted : s[`talkNow_${outgoing.reason}`];
    case 'refused':
      if (outgoing.code === ErrorCode.UNAUTHENTICATED) return s.talkNowEnterFirst;
      if (outgoing.code === ErrorCode.RATE_LIMITED) return s.talkNowWait;
      if (outgoing.code === ErrorCode.UNAVAILABLE || !outgoing.message) return s.talkNowUnavailable;
      return fill(s.failed, { message: outgoing.message });
  }
}
