import { useTranslation } from 'react-i18next';
import type { BoothDetail } from '../../../shared/api';
import { stringsFor } from '../../chat/chat-strings';

/** What a visitor can do with a booth's team: chat (the panel beside the page). Meetings plug in here too. */
export function BoothActions(_props: { booth: BoothDetail }) {
  const { i18n } = useTranslation();
  return (
    <a href="#booth-chat" className="button button--quiet">
      {stringsFor(i18n.language).boothChatAction}
    </a>
  );
}
