/**
 * A peer-to-peer call of up to four, signalled over the tab's Socket.IO connection (server/realtime/meeting-socket.ts).
 * The newcomer offers to everyone already there; those already there answer. Each connection always carries one
 * audio and one video transceiver, so camera changes and screen sharing swap tracks without renegotiating.
 */
import type { CallPeer, SignalData } from '../../shared/meetings';
import type { RealtimeSocket } from '../net/socket';
import { type CallSession, type CallState, CallStateHolder, qualityFrom, type RemoteParticipant } from './call-session';

interface Peer {
  info: CallPeer;
  pc: RTCPeerConnection;
  stream: MediaStream;
  /** Candidates that arrived before the remote description. */
  pending: RTCIceCandidateInit[];
  quality: RemoteParticipant['quality'];
}

const QUALITY_INTERVAL_MS = 2000;

export class PeerCall implements CallSession {
  private readonly holder = new CallStateHolder();
  private readonly peers = new Map<string, Peer>();
  private iceServers: RTCIceServer[] = [];
  private camera: MediaStreamTrack | null = null;
  private mic: MediaStreamTrack | null = null;
  private screen: MediaStreamTrack | null = null;
  private local = new MediaStream();
  private qualityTimer: ReturnType<typeof setInterval> | undefined;
  private left = false;

  constructor(
    private readonly socket: RealtimeSocket,
    private readonly meetingId: string,
  ) {}

  getState = (): CallState => this.holder.get();
  subscribe = (listener: () => void) => this.holder.subscribe(listener);

  /** Starts camera and microphone (the call goes on without them if refused), then joins. */
  async start(devices: { audio?: string; video?: string } = {}): Promise<void> {
    try {
      const media = await navigator.mediaDevices.getUserMedia({
        audio: devices.audio ? { deviceId: { exact: devices.audio } } : true,
        video: devices.video ? { deviceId: { exact: devices.video } } : { width: 640, height: 360 },
      });
      this.camera = media.getVideoTracks()[0] ?? null;
      this.mic = media.getAudioTracks()[0] ?? null;
    } catch (err) {
      this.holder.set({ mediaError: (err as Error).name || 'media', cameraOn: false, micOn: false });
    }
    this.local = new MediaStream([this.camera, this.mic].filter((t): t is MediaStreamTrack => t !== null));
    this.holder.set({ local: this.local });

    this.socket.on('call:peer-joined', this.onPeerJoined);
    this.socket.on('call:peer-left', this.onPeerLeft);
    this.socket.on('call:signal', this.onSignal);
    this.socket.on('connect', this.onReconnect);
    await this.join();
    this.qualityTimer = setInterval(() => void this.measure(), QUALITY_INTERVAL_MS);
  }

  private async join(): Promise<void> {
    const result = await this.socket.timeout(10_000).emitWithAck('call:join', { meetingId: this.meetingId });
    if (!result.ok) {
      this.holder.set({ status: 'failed' });
      throw Object.assign(new Error(result.error.message), { code: result.error.code });
    }
    this.iceServers = result.data.iceServers as RTCIceServer[];
    this.holder.set({ status: 'connected' });
    for (const info of result.data.peers) {
      const peer = this.connect(info);
      await this.offer(peer);
    }
  }

  /** After a dropped connection the server has forgotten us: rejoin and offer again. */
  private readonly onReconnect = () => {
    if (this.left) return;
    for (const p of this.peers.values()) p.pc.close();
    this.peers.clear();
    this.publishRemotes();
    void this.join().catch(() => {});
  };

  private connect(info: CallPeer): Peer {
    this.peers.get(info.peerId)?.pc.close();
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    const peer: Peer = { info, pc, stream: new MediaStream(), pending: [], quality: 'unknown' };
    this.peers.set(info.peerId, peer);
    pc.onicecandidate = (e) => {
      if (e.candidate) this.signal(info.peerId, { type: 'candidate', candidate: e.candidate.toJSON() as never });
    };
    pc.ontrack = (e) => {
      // Build the remote stream ourselves: the far side's tracks may come without a stream id.
      if (!peer.stream.getTracks().includes(e.track)) peer.stream.addTrack(e.track);
      peer.stream = new MediaStream(peer.stream.getTracks());
      this.publishRemotes();
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed' || pc.connectionState === 'disconnected') peer.quality = 'lost';
      this.publishRemotes();
    };
    this.publishRemotes();
    return peer;
  }

  private async offer(peer: Peer): Promise<void> {
    peer.pc.addTransceiver(this.mic ?? 'audio', { direction: 'sendrecv', streams: [this.local] });
    peer.pc.addTransceiver(this.screen ?? this.camera ?? 'video', { direction: 'sendrecv', streams: [this.local] });
    const offer = await peer.pc.createOffer();
    await peer.pc.setLocalDescription(offer);
    this.signal(peer.info.peerId, { type: 'offer', sdp: offer.sdp ?? '' });
  }

  private readonly onPeerJoined = ({ meetingId, peer }: { meetingId: string; peer: CallPeer }) => {
    if (meetingId !== this.meetingId) return;
    // The newcomer offers; we wait for it.
    this.connect(peer);
  };

  private readonly onPeerLeft = ({ meetingId, peerId }: { meetingId: string; peerId: string }) => {
    if (meetingId !== this.meetingId) return;
    this.peers.get(peerId)?.pc.close();
    this.peers.delete(peerId);
    this.publishRemotes();
  };

  private readonly onSignal = async ({
    meetingId,
    from,
    data,
  }: {
    meetingId: string;
    from: string;
    data: SignalData;
  }) => {
    if (meetingId !== this.meetingId) return;
    // An offer from someone whose arrival we missed (a reconnect in between) still gets an answer.
    const peer =
      this.peers.get(from) ??
      (data.type === 'offer' ? this.connect({ peerId: from, accountId: '', displayName: '' }) : undefined);
    if (!peer) return;
    const { pc } = peer;
    switch (data.type) {
      case 'offer': {
        await pc.setRemoteDescription({ type: 'offer', sdp: data.sdp });
        for (const t of pc.getTransceivers()) {
          const kind = t.receiver.track.kind;
          t.direction = 'sendrecv';
          await t.sender.replaceTrack(kind === 'audio' ? this.mic : (this.screen ?? this.camera));
          t.sender.setStreams?.(this.local);
        }
        const answer = await pc.createAnswer();
        await pc.setLocalDescription(answer);
        this.signal(from, { type: 'answer', sdp: answer.sdp ?? '' });
        await this.flushCandidates(peer);
        return;
      }
      case 'answer':
        await pc.setRemoteDescription({ type: 'answer', sdp: data.sdp });
        await this.flushCandidates(peer);
        return;
      case 'candidate':
        if (pc.remoteDescription) await pc.addIceCandidate(data.candidate).catch(() => {});
        else peer.pending.push(data.candidate);
        return;
    }
  };

  private async flushCandidates(peer: Peer) {
    for (const c of peer.pending.splice(0)) await peer.pc.addIceCandidate(c).catch(() => {});
  }

  private signal(to: string, data: SignalData) {
    void this.socket.emitWithAck('call:signal', { meetingId: this.meetingId, to, data }).catch(() => {});
  }

  private publishRemotes() {
    this.holder.set({
      remotes: [...this.peers.values()].map((p) => ({
        id: p.info.peerId,
        displayName: p.info.displayName,
        stream: p.stream.getTracks().length > 0 ? p.stream : null,
        quality: p.quality,
      })),
    });
  }

  private async measure() {
    let worst: RemoteParticipant['quality'] = 'unknown';
    const rank = { unknown: 0, excellent: 1, good: 2, poor: 3, lost: 4 } as const;
    for (const peer of this.peers.values()) {
      let rtt: number | null = null;
      let lost = 0;
      let received = 0;
      const stats = await peer.pc.getStats().catch(() => null);
      stats?.forEach((s) => {
        if (s.type === 'candidate-pair' && s.nominated && typeof s.currentRoundTripTime === 'number') {
          rtt = s.currentRoundTripTime * 1000;
        }
        if (s.type === 'inbound-rtp') {
          lost += s.packetsLost ?? 0;
          received += s.packetsReceived ?? 0;
        }
      });
      const state = peer.pc.connectionState;
      peer.quality =
        state === 'failed' || state === 'disconnected' ? 'lost' : qualityFrom(rtt, lost / Math.max(1, lost + received));
      if (rank[peer.quality] > rank[worst]) worst = peer.quality;
    }
    this.holder.set({ quality: worst });
    this.publishRemotes();
  }

  private async replaceVideo(track: MediaStreamTrack | null) {
    for (const p of this.peers.values()) {
      for (const t of p.pc.getTransceivers()) {
        if (t.receiver.track.kind === 'video') await t.sender.replaceTrack(track);
      }
    }
  }

  async setCamera(on: boolean): Promise<void> {
    if (this.camera) this.camera.enabled = on;
    this.holder.set({ cameraOn: on && this.camera !== null });
  }

  async setMic(on: boolean): Promise<void> {
    if (this.mic) this.mic.enabled = on;
    this.holder.set({ micOn: on && this.mic !== null });
  }

  async setScreenShare(on: boolean): Promise<void> {
    if (on && !this.screen) {
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true });
      const track = display.getVideoTracks()[0] ?? null;
      if (!track) return;
      this.screen = track;
      track.onended = () => void this.setScreenShare(false);
      await this.replaceVideo(track);
      this.holder.set({ sharing: true });
    } else if (!on && this.screen) {
      this.screen.stop();
      this.screen = null;
      await this.replaceVideo(this.camera);
      this.holder.set({ sharing: false });
    }
  }

  async selectDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    const media = await navigator.mediaDevices.getUserMedia(
      kind === 'audioinput'
        ? { audio: { deviceId: { exact: deviceId } } }
        : { video: { deviceId: { exact: deviceId } } },
    );
    const track = (kind === 'audioinput' ? media.getAudioTracks() : media.getVideoTracks())[0];
    if (!track) return;
    const old = kind === 'audioinput' ? this.mic : this.camera;
    if (kind === 'audioinput') {
      track.enabled = this.holder.get().micOn;
      this.mic = track;
    } else {
      track.enabled = this.holder.get().cameraOn;
      this.camera = track;
    }
    for (const p of this.peers.values()) {
      for (const t of p.pc.getTransceivers()) {
        const isAudio = t.receiver.track.kind === 'audio';
        if (isAudio === (kind === 'audioinput') && (kind === 'audioinput' || !this.screen)) {
          await t.sender.replaceTrack(track);
        }
      }
    }
    old?.stop();
    this.local = new MediaStream([this.camera, this.mic].filter((t): t is MediaStreamTrack => t !== null));
    this.holder.set({ local: this.local });
  }

  async leave(): Promise<void> {
    if (this.left) return;
    this.left = true;
    clearInterval(this.qualityTimer);
    this.socket.off('call:peer-joined', this.onPeerJoined);
    this.socket.off('call:peer-left', this.onPeerLeft);
    this.socket.off('call:signal', this.onSignal);
    this.socket.off('connect', this.onReconnect);
    for (const p of this.peers.values()) p.pc.close();
    this.peers.clear();
    for (const t of [this.camera, this.mic, this.screen]) t?.stop();
    this.holder.set({ status: 'ended', remotes: [] });
    if (this.socket.connected)
      await this.socket.emitWithAck('call:leave', { meetingId: this.meetingId }).catch(() => {});
  }
}
