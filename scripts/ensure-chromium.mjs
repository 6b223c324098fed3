#!/usr/bin/env node
// Browser tests drive Debian's Chromium (never a downloaded browser). Install it when missing and we are root;
// otherwise say in one line how to get it.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

if (typeof process.getuid === 'function' && process.getuid() === 0) {
  console.log('Chromium is missing: installing Debian’s chromium package (about a minute, once)…');
  try {
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
      stdio: 'inherit',
    });
  } catch {
    console.error('Could not install Chromium with apt-get; install it with: apt-get install -y chromium');
    process.exit(1);
  }
  if (existsSync(CHROMIUM)) process.exit(0);
}
console.error(
  `Browser tests need Chromium at ${CHROMIUM}: run "sudo apt-get install -y chromium" (or set CHROMIUM_PATH).`,
);
process.exit(1);
