import { useEffect, useRef, useState } from 'react';
import { useHallRuntime } from './HallRuntime';
import { useHallText } from './hallText';

const RADIUS = 48;

/** An on-screen stick for phones and tablets (coarse pointers only): push to walk, the canvas drag turns. */
export function TouchJoystick() {
  const runtime = useHallRuntime();
  const { text } = useHallText();
  const [coarse, setCoarse] = useState(() => window.matchMedia('(pointer: coarse)').matches);
  const knob = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const mq = window.matchMedia('(pointer: coarse)');
    const change = () => setCoarse(mq.matches);
    mq.addEventListener('change', change);
    return () => mq.removeEventListener('change', change);
  }, []);

  if (!coarse) return null;

  const move = (e: React.PointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    let dx = e.clientX - (rect.left + rect.width / 2);
    let dy = e.clientY - (rect.top + rect.height / 2);
    const len = Math.hypot(dx, dy);
    if (len > RADIUS) {
      dx = (dx / len) * RADIUS;
      dy = (dy / len) * RADIUS;
    }
    runtime.input.joyX = dx / RADIUS;
    runtime.input.joyY = dy / RADIUS;
    if (knob.current) knob.current.style.transform = `translate(${dx}px, ${dy}px)`;
  };
  const release = () => {
    runtime.input.joyX = 0;
    runtime.input.joyY = 0;
    if (knob.current) knob.current.style.transform = '';
  };

  return (
    <div
      className="joystick"
      role="presentation"
      aria-label={text('joystick')}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        move(e);
      }}
      onPointerMove={(e) => {
        if (e.currentTarget.hasPointerCapture(e.pointerId)) move(e);
      }}
      onPointerUp={release}
      onPointerCancel={release}
    >
      <div ref={knob} className="joystick__knob" />
    </div>
  );
}
