/** /booths/:slug/meet: a booth's meeting times on a page of their own (the booth page and panel can embed the list). */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { BoothDetail } from '../../shared/api';
import { fetchBooth } from '../net/api';
import { useUiStore } from '../state/ui';
import { BoothMeetingSlots } from './BoothMeetingSlots';
import { meetingStringsFor } from './meeting-strings';

export function BookMeetingPage() {
  const { slug = '' } = useParams();
  const language = useUiStore((st) => st.language);
  const [booth, setBooth] = useState<BoothDetail | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    fetchBooth(slug, controller.signal)
      .then(setBooth)
      .catch(() => !controller.signal.aborted && setFailed(true));
    return () => controller.abort();
  }, [slug]);
  return (
    <main id="main" tabIndex={-1} className="page page--narrow">
      {booth && (
        <h1>
          <Link to={`/booths/${booth.slug}`}>{booth.name[language] || booth.name.en}</Link>
        </h1>
      )}
      {failed && <p className="form-alert">{meetingStringsFor(language).loadFailed}</p>}
      {booth && <BoothMeetingSlots boothId={booth.id} />}
    </main>
  );
}

export default BookMeetingPage;
