/**
 * The call screen at /meetings/:id/call: the other side's video, your preview, camera and microphone toggles,
 * device choice, screen sharing, connection quality, and the meeting's chat beside it. The same screen whether the
 * call runs through LiveKit or peer-to-peer.
 */
import { type ChangeEvent, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Link, useParams } from 'react-router';
import type { ChannelId } from '../../shared/chat';
import type { MeetingView } from '../../shared/meetings';
import { ChatPanel } from '../chat/ChatPanel';
import { fill, type MeetingStrings, meetingStringsFor } from '../meetings/meeting-strings';
import { toApiError } from '../net/ApiError';
import { fetchCallAccess, fetchMeeting } from '../net/meetings';
import { getRealtimeSocket, type RealtimeSocket } from '../net/socket';
import { useConnectionStore } from '../state/connection';
import { useUiStore } from '../state/ui';
import type { CallSession, CallState } from './call-session';
import { PeerCall } from './peer-call';
import './call.css';

type Phase = { kind: 'loading' } | { kind: 'refused'; message: string } | { kind: 'in-call'; session: CallSession };

export function CallPage() {
  const { id = '' } = useParams();
  const language = useUiStore((s) => s.language);
  const s = meetingStringsFor(language);
  const connected = useConnectionStore((st) => st.status === 'connected');
  const [meeting, setMeeting] = useState<MeetingView | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  // Start once the live link is first up; later drops are handled inside the call (it rejoins on reconnect).
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (connected) setReady(true);
  }, [connected]);

  useEffect(() => {
    const socket = getRealtimeSocket();
    if (!socket || !ready) return;
    let session: CallSession | null = null;
    let cancelled = false;
    (async () => {
      try {
        const [view, access] = await Promise.all([fetchMeeting(id), fetchCallAccess(id)]);
        if (cancelled) return;
        setMeeting(view);
        if (access.mode === 'livekit') {
          const { LiveKitCall } = await import('./livekit-call');
          const lk = new LiveKitCall();
          session = lk;
          await lk.start(access.url, access.token);
        } else {
          const p2p = new PeerCall(socket as RealtimeSocket, id);
          session = p2p;
          await p2p.start();
        }
        if (cancelled) await session.leave();
        else setPhase({ kind: 'in-call', session });
      } catch (err) {
        if (!cancelled) setPhase({ kind: 'refused', message: toApiError(err).message || (err as Error).message });
      }
    })();
    return () => {
      cancelled = true;
      void session?.leave();
    };
  }, [id, ready]);

  const other = meeting ? (meeting.myRole === 'host' ? meeting.guest : meeting.host) : null;
  return (
    <main id="main" tabIndex={-1} className="call-page">
      <div className="call-page__stage">
        <h1 className="call-page__title">
          {other ? fill(s.callTitle, { name: other.displayName }) : s.callConnecting}
        </h1>
        {phase.kind === 'loading' && <p role="status">{s.callConnecting}</p>}
        {phase.kind === 'refused' && (
          <p role="alert" className="form-alert">
            {fill(s.callRefused, { message: phase.message })} <Link to="/meetings">{s.myMeetings}</Link>
          </p>
        )}
        {phase.kind === 'in-call' && <CallScreen session={phase.session} s={s} otherName={other?.displayName ?? ''} />}
      </div>
      {meeting && (
        <aside className="call-page__chat">
          <ChatPanel channel={`meeting:${meeting.id}` as ChannelId} title={s.chat} language={language} />
        </aside>
      )}
    </main>
  );
}

function useCallState(session: CallSession): CallState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

function CallScreen({ session, s, otherName }: { session: CallSession; s: MeetingStrings; otherName: string }) {
  const state = useCallState(session);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);

  useEffect(() => {
    const load = () =>
      navigator.mediaDevices
        ?.enumerateDevices()
        .then(setDevices)
        .catch(() => setDevices([]));
    void load();
    navigator.mediaDevices?.addEventListener('devicechange', load);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', load);
  }, []);

  const choose = (kind: 'audioinput' | 'videoinput') => (e: ChangeEvent<HTMLSelectElement>) =>
    void session.selectDevice(kind, e.target.value);

  return (
    <div className="call-screen" data-call-status={state.status}>
      <div className="call-screen__videos">
        {state.remotes.length === 0 && (
          <p className="call-screen__waiting">{fill(s.callWaiting, { name: otherName })}</p>
        )}
        {state.remotes.map((r) => (
          <figure key={r.id} className="call-tile">
            <Video stream={r.stream} muted={false} remote />
            <figcaption>
              {r.displayName || otherName} · {fill(s.quality, { quality: s[`quality_${r.quality}`] })}
            </figcaption>
          </figure>
        ))}
        <figure className="call-tile call-tile--self">
          <Video stream={state.local} muted remote={false} />
          <figcaption>{s.you}</figcaption>
        </figure>
      </div>
      {state.mediaError && <p className="form-alert">{s.mediaDenied}</p>}
      <div className="call-controls" role="toolbar" aria-label={s.callTitle.replace('{name}', otherName)}>
        <button
          type="button"
          className="button"
          aria-pressed={!state.micOn}
          onClick={() => void session.setMic(!state.micOn)}
        >
          {state.micOn ? s.micOff : s.micOn}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={!state.cameraOn}
          onClick={() => void session.setCamera(!state.cameraOn)}
        >
          {state.cameraOn ? s.cameraOff : s.cameraOn}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={state.sharing}
          onClick={() => void session.setScreenShare(!state.sharing).catch(() => {})}
        >
          {state.sharing ? s.stopShare : s.shareScreen}
        </button>
        <label className="call-controls__device">
          {s.camera}
          <select onChange={choose('videoinput')} defaultValue="">
            <option value="" disabled>
              —
            </option>
            {devices
              .filter((d) => d.kind === 'videoinput')
              .map((d, i) => (
                <option key={d.deviceId || i} value={d.deviceId}>
                  {d.label || `${s.camera} ${i + 1}`}
                </option>
              ))}
          </select>
        </label>
        <label className="call-controls__device">
          {s.microphone}
          <select onChange={choose('audioinput')} defaultValue="">
            <option value="" disabled>
              —
            </option>
            {devices
              .filter((d) => d.kind === 'audioinput')
              .map((d, i) => (
                <option key={d.deviceId || i} value={d.deviceId}>
                  {d.label || `${s.microphone} ${i + 1}`}
                </option>
              ))}
          </select>
        </label>
        <span className="call-controls__quality" role="status">
          {fill(s.quality, { quality: s[`quality_${state.quality}`] })}
        </span>
        <Link
          to="/meetings"
          className="button button--primary call-controls__leave"
          onClick={() => void session.leave()}
        >
          {s.leave}
        </Link>
      </div>
    </div>
  );
}

function Video({ stream, muted, remote }: { stream: MediaStream | null; muted: boolean; remote: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (video && video.srcObject !== stream) video.srcObject = stream;
  }, [stream]);
  return <video ref={ref} autoPlay playsInline muted={muted} data-remote={remote ? 'true' : undefined} />;
}

export default CallPage;
