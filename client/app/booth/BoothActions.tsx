import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BoothDetail } from '../../../shared/api';
import { stringsFor } from '../../chat/chat-strings';
import { meetingStringsFor } from '../../meetings/meeting-strings';
import { TalkNowButton } from '../../meetings/TalkNowButton';

/** What a visitor can do with a booth's team: talk now (when staff are online), chat, and book a meeting. */
export function BoothActions({ booth }: { booth: BoothDetail }) {
  const { i18n } = useTranslation();
  return (
    <>
      <TalkNowButton boothId={booth.id} staffIds={booth.staff.map((s) => s.id)} />
      <a href="#booth-chat" className="button button--quiet">
        {stringsFor(i18n.language).boothChatAction}
      </a>
      {booth.staff.length > 0 && (
        <Link to={`/booths/${booth.slug}/meet`} className="button button--quiet">
          {meetingStringsFor(i18n.language).bookTitle}
        </Link>
      )}
    </>
  );
}
