/**
 * A call through LiveKit (when the server has LiveKit configured): adaptive stream and dynacast on, so far-away or
 * hidden videos cost little. livekit-client is imported only here, and this module is loaded only for calls.
 */
import {
  ConnectionQuality,
  type RemoteParticipant as LkRemote,
  type Participant,
  Room,
  RoomEvent,
  Track,
} from 'livekit-client';
import { type CallQuality, type CallSession, type CallState, CallStateHolder } from './call-session';

const qualityOf = (q: ConnectionQuality): CallQuality =>
  q === ConnectionQuality.Excellent
    ? 'excellent'
    : q === ConnectionQuality.Good
      ? 'good'
      : q === ConnectionQuality.Poor
        ? 'poor'
        : q === ConnectionQuality.Lost
          ? 'lost'
          : 'unknown';

export class LiveKitCall implements CallSession {
  private readonly holder = new CallStateHolder();
  private readonly room = new Room({ adaptiveStream: true, dynacast: true });

  getState = (): CallState => this.holder.get();
  subscribe = (listener: () => void) => this.holder.subscribe(listener);

  async start(url: string, token: string): Promise<void> {
    const refresh = () => this.publish();
    this.room
      .on(RoomEvent.TrackSubscribed, refresh)
      .on(RoomEvent.TrackUnsubscribed, refresh)
      .on(RoomEvent.ParticipantConnected, refresh)
      .on(RoomEvent.ParticipantDisconnected, refresh)
      .on(RoomEvent.LocalTrackPublished, refresh)
      .on(RoomEvent.ConnectionQualityChanged, (_q: ConnectionQuality, p: Participant) => {
        if (p.isLocal) this.holder.set({ quality: qualityOf(p.connectionQuality) });
        refresh();
      })
      .on(RoomEvent.Disconnected, () => this.holder.set({ status: 'ended' }));
    await this.room.connect(url, token);
    this.holder.set({ status: 'connected' });
    try {
      await this.room.localParticipant.enableCameraAndMicrophone();
    } catch (err) {
      this.holder.set({ mediaError: (err as Error).name || 'media', cameraOn: false, micOn: false });
    }
    this.publish();
  }

  private publish() {
    const local = new MediaStream();
    for (const pub of this.room.localParticipant.trackPublications.values()) {
      if (pub.track?.mediaStreamTrack && pub.source === Track.Source.Camera) local.addTrack(pub.track.mediaStreamTrack);
    }
    const remotes = [...this.room.remoteParticipants.values()].map((p: LkRemote) => {
      const tracks = [...p.trackPublications.values()]
        .map((pub) => pub.track?.mediaStreamTrack)
        .filter((t): t is MediaStreamTrack => Boolean(t));
      return {
        id: p.identity,
        displayName: p.name ?? p.identity,
        stream: tracks.length > 0 ? new MediaStream(tracks) : null,
        quality: qualityOf(p.connectionQuality),
      };
    });
    this.holder.set({ local, remotes });
  }

  async setCamera(on: boolean) {
    await this.room.localParticipant.setCameraEnabled(on);
    this.holder.set({ cameraOn: on });
    this.publish();
  }

  async setMic(on: boolean) {
    await this.room.localParticipant.setMicrophoneEnabled(on);
    this.holder.set({ micOn: on });
  }

  async setScreenShare(on: boolean) {
    await this.room.localParticipant.setScreenShareEnabled(on);
    this.holder.set({ sharing: on });
  }

  async selectDevice(kind: 'audioinput' | 'videoinput', deviceId: string) {
    await this.room.switchActiveDevice(kind, deviceId);
    this.publish();
  }

  async leave() {
    await this.room.disconnect();
    this.holder.set({ status: 'ended', remotes: [] });
  }
}
