// The end-to-end harness (ARCHITECTURE §8): finds Debian's Chromium, launches it through playwright-core with
// a fresh profile per session, and records every console error and uncaught page error so a test can
// assert that none happened. Playwright never downloads a browser here.
import { accessSync, constants, existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

export const ARTIFACTS_DIR = resolve(import.meta.dirname, 'artifacts');

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium keeps dialing Google's hosts, which this offline machine refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const INSTALL_HINT =
  'Install Debian\'s Chromium and the CJK fonts: `apt-get install -y chromium fonts-noto-cjk` ' +
  '(or set CHROMIUM_PATH to a Chromium executable). Playwright never downloads a browser here.';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to drive: CHROMIUM_PATH, else `chromium` or `chromium-browser` on PATH, else /usr/bin/chromium. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (isExecutable(configured)) return configured;
    throw new Error(`CHROMIUM_PATH is set to ${configured}, which is not an executable file. ${INSTALL_HINT}`);
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  for (const name of ['chromium', 'chromium-browser']) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error(`No Chromium found for the end-to-end tests. ${INSTALL_HINT}`);
}

export type LaunchOptions = {
  /** Opened after launch, e.g. `inject('baseUrl')`; without it the page stays at about:blank. */
  url?: string;
  /** An existing profile to reuse; by default each launch gets a fresh temporary one. */
  profileDir?: string;
};

export type AppSession = {
  context: BrowserContext;
  /** The first tab of the persistent context. */
  page: Page;
  profileDir: string;
  /** Console errors and uncaught page errors so far, oldest first; tests assert it stays empty. */
  errors: string[];
  /** Saves a full-page PNG under test/e2e/artifacts/ and returns its path. */
  screenshot(name: string): Promise<string>;
  /**
   * Closes the browser and starts it again on the same profile, at the page it was showing: proves that
   * data survives a browser restart. Use the returned session from then on; it owns the profile.
   */
  relaunch(): Promise<AppSession>;
  /**
   * Kills the browser as a crash would: SIGKILL to its main process and every process under it, no
   * chance to flush or close anything. Resolves once none of them is left (no orphan renderer or
   * zygote); the profile stays for a relaunch. Returns how many processes were killed.
   */
  kill(): Promise<number>;
  /** Closes the browser and deletes the profile (if the harness created it). Safe to call twice. */
  close(): Promise<void>;
};

async function open(profileDir: string, ownsProfile: boolean, url: string | undefined): Promise<AppSession> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_FLAGS,
    locale: 'zh-CN',
    // The users are in China; a fixed zone keeps date-dependent assertions stable on any machine.
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 860 },
  });
  context.setDefaultTimeout(20_000);

  const errors: string[] = [];
  const watch = (tab: Page): void => {
    tab.on('console', (message) => {
      if (message.type() !== 'error') return;
      const { url: where, lineNumber } = message.location();
      // Chromium asks for /favicon.ico on its own; a page without one is not an app error.
      if (/^https?:\/\/[^/]+\/favicon\.ico(?:[?#]|$)/.test(where)) return;
      errors.push(`console.error: ${message.text()}${where ? ` (${where}:${lineNumber})` : ''}`);
    });
    tab.on('pageerror', (error) => errors.push(`pageerror: ${error.stack ?? error.message}`));
    tab.on('crash', () => errors.push('crash: the page crashed (out of memory?)'));
  };
  context.pages().forEach(watch);
  context.on('page', watch);

  const page = context.pages()[0] ?? (await context.newPage());
  if (url !== undefined) {
    try {
      await page.goto(url);
    } catch (error) {
      await context.close();
      if (ownsProfile) await rm(profileDir, { recursive: true, force: true });
      throw error;
    }
  }

  let closed = false;
  const shutdown = async (deleteProfile: boolean): Promise<void> => {
    if (closed) return;
    closed = true;
    // Tests assert errors stays empty; when one fails on an earlier step, what the page said is the clue.
    if (errors.length > 0) console.error(`page errors in ${profileDir}:\n${errors.join('\n')}`);
    await context.close();
    if (deleteProfile) await rm(profileDir, { recursive: true, force: true });
  };

  return {
    context,
    page,
    profileDir,
    async kill() {
      closed = true;
      const tree = browserProcessTree(profileDir);
      if (tree.length === 0) throw new Error(`no browser process found for the profile ${profileDir}`);
      // Playwright starts the browser as the leader of its own process group: killing the group also
      // takes a child spawned after the tree was read.
      const groups = [...new Set(tree.map(procInfo).filter((p): p is ProcInfo => p !== null && p.pgrp === p.pid).map((p) => p.pgrp))];
      for (const group of groups) {
        try {
          process.kill(-group, 'SIGKILL');
        } catch {
          // The group is already gone.
        }
      }
      for (const pid of tree) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone: a child may exit with its parent.
        }
      }
      const left = (): number[] => [...tree.filter(isRunning), ...runningInGroups(groups)];
      const deadline = Date.now() + 10_000;
      while (left().length > 0) {
        if (Date.now() > deadline) throw new Error(`browser processes still running after SIGKILL: ${left().join(', ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return tree.length;
    },
    errors,
    async screenshot(name) {
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      const path = join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async relaunch() {
      const current = page.url();
      const reopenAt = /^https?:/.test(current) ? current : url;
      await shutdown(false);
      return open(profileDir, ownsProfile, reopenAt);
    },
    close: () => shutdown(ownsProfile),
  };
}

type ProcInfo = { pid: number; ppid: number; pgrp: number; state: string };

/** /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses. */
function procInfo(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, state: rest[0] ?? '', ppid: Number(rest[1]), pgrp: Number(rest[2]) };
  } catch {
    return null;
  }
}

/** Alive and not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  const info = procInfo(pid);
  return info !== null && info.state !== 'Z' && info.state !== 'X';
}

function runningInGroups(groups: readonly number[]): number[] {
  if (groups.length === 0) return [];
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => procInfo(Number(d)))
    .filter((p): p is ProcInfo => p !== null && groups.includes(p.pgrp) && isRunning(p.pid))
    .map((p) => p.pid);
}

/**
 * The browser that runs this profile (a process of ours whose command line names the profile and
 * that is not a child process of Chromium's: no --type=) and every process below it (Linux /proc).
 */
function browserProcessTree(profileDir: string): number[] {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => procInfo(Number(d)))
    .filter((p): p is ProcInfo => p !== null);
  const argv = (pid: number): string[] => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      return [];
    }
  };
  const roots = all.filter((p) => {
    const args = argv(p.pid);
    return args.includes(`--user-data-dir=${profileDir}`) && !args.some((a) => a.startsWith('--type=')) && isRunning(p.pid);
  });
  const tree = new Set(roots.map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.ppid) && isRunning(p.pid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

/**
 * Launches Chromium with a persistent profile.
 *
 * @example
 *   const app = await launchApp({ url: inject('baseUrl') });
 *   try {
 *     await expect.poll(() => app.page.title()).toBe('消保自查');
 *     expect(app.errors).toEqual([]);
 *   } finally {
 *     await app.close();
 *   }
 */
export async function launchApp(options: LaunchOptions = {}): Promise<AppSession> {
  if (options.profileDir !== undefined) {
    if (!existsSync(options.profileDir)) await mkdir(options.profileDir, { recursive: true });
    return open(options.profileDir, false, options.url);
  }
  const profileDir = await mkdtemp(join(tmpdir(), 'xiaobao-e2e-profile-'));
  return open(profileDir, true, options.url);
}

/**
 * Checks in the page that Chinese text renders with real glyphs. Returns a message saying how to fix it, or
 * null when it is fine. `document.fonts.check()` cannot tell: it answers true for any font that is not a
 * web font. Missing glyphs are drawn as identical boxes, so two different characters must differ in pixels.
 */
export async function cjkFontProblem(page: Page): Promise<string | null> {
  const probe = await page.evaluate(() => {
    const size = 64;
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (ctx === null) return null;
    const draw = (text: string): Uint8ClampedArray => {
      ctx.clearRect(0, 0, size, size);
      ctx.font = `48px "Noto Sans CJK SC", sans-serif`;
      ctx.fillText(text, 4, 52);
      return ctx.getImageData(0, 0, size, size).data;
    };
    const a = draw('消');
    const b = draw('费');
    let inked = 0;
    let differing = 0;
    for (let i = 3; i < a.length; i += 4) {
      if ((a[i] ?? 0) > 0) inked += 1;
      if (a[i] !== b[i]) differing += 1;
    }
    return { inked, differing };
  });
  if (probe === null) return 'Chromium gave no 2D canvas context, so the CJK font check could not run.';
  if (probe.inked === 0 || probe.differing < 20) {
    return (
      `Chinese text renders as empty boxes (inked ${probe.inked}, differing ${probe.differing} pixels): ` +
      'no CJK font is installed. Run `apt-get install -y fonts-noto-cjk`.'
    );
  }
  return null;
}
