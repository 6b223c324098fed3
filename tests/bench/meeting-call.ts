/**
 * `npm run bench:meeting`: one real meeting call in Chromium (visitor books, both join, video both ways) inside a
 * loopback-only network namespace; prints {"ms_to_first_remote_frame": …} — from the second participant pressing
 * Join to the first remote video frame on both sides. Goal: 1.5 s.
 */
import { inLoopbackOnlyNamespace, runInLoopbackNamespace } from '../e2e/loopback-namespace';
import { runMeetingCall } from '../e2e/meeting-call-scenario';

if (inLoopbackOnlyNamespace()) {
  const result = await runMeetingCall();
  console.log(JSON.stringify(result));
  process.exit(0);
} else {
  const result = await runInLoopbackNamespace('tests/bench/meeting-call.ts');
  console.log(JSON.stringify(result));
}
