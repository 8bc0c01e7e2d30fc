// How the page writes amounts and times: yuan with thousands separators from exact fen (BigInt, so
// no amount loses a fen), times in Asia/Shanghai with the zone shown, and the server's clock for
// every countdown (a bidder's laptop may be minutes off; the deadline is judged by the server).
import { api } from './api.js';
import { language, t } from './i18n.js';

// 123456789 fen → "1,234,567.89"; with `symbol`, "¥1,234,567.89".
export function yuan(fen, { symbol = true } = {}) {
  if (fen === null || fen === undefined) return '—';
  const value = BigInt(fen);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${sign}${symbol ? '¥' : ''}${whole}.${cents}`;
}

// "1,234.5" or "1234.50" (yuan as typed) → fen as a BigInt; null when it is not an amount with at
// most two decimals, or when it is too large to travel exactly as a JSON number (2^53 fen, some 90
// trillion yuan: more than any budget).
export function parseYuan(text) {
  const m = /^\s*(\d{1,16})(?:\.(\d{1,2}))?\s*$/.exec(String(text).replaceAll(',', ''));
  if (!m) return null;
  const fen = BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? fen : null;
}

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

// An RFC 3339 time → "2026-12-18 10:00:00 北京时间 (UTC+8)"; without the zone where a column
// header names it.
export function time(iso, { zone = true } = {}) {
  if (!iso) return '—';
  const parts = Object.fromEntries(shanghai.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const text = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
  return zone ? `${text} ${t('zone')}` : text;
}

// An instant (milliseconds) as a Beijing wall-clock time for an <input type="datetime-local">:
// "2026-12-18T10:00".
export const toBeijingInput = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);

// A Beijing wall-clock time as an <input type="datetime-local"> holds it ("2026-12-18T10:00", with
// or without seconds) → RFC 3339 UTC; and a Beijing calendar day ("2026-12-18") → its first instant.
export function fromBeijingInput(text) {
  const withSeconds = text.length === 16 ? `${text}:00` : text;
  return new Date(`${withSeconds}+08:00`).toISOString();
}
export function beijingDayStart(day, plusDays = 0) {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString();
}

// The last Beijing day an instant still covers: a credential valid until 2026-12-11T00:00+08:00
// (as beijingDayStart('2026-12-10', 1) makes it) is valid through "2026-12-10".
export const lastBeijingDay = (iso) => toBeijingInput(Date.parse(iso) - 1).slice(0, 10);

// A span of seconds as people say it: minutes under an hour, hours under two days, else days.
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 3600) return t('durationMinutes', { n: Math.round(seconds / 60) });
  if (seconds < 48 * 3600) return t('durationHours', { n: (seconds / 3600).toFixed(1) });
  return t('durationDays', { n: (seconds / 86400).toFixed(1) });
}

// The server's clock: the offset from this browser's clock, measured once per page load against
// GET /api/time (half the round trip counted as the answer's travel).
export const serverClock = {
  offsetMs: 0,
  async sync() {
    const sent = Date.now();
    const { now } = await api('GET', '/api/time');
    const received = Date.now();
    this.offsetMs = Date.parse(now) - (sent + received) / 2;
  },
  now() {
    return Date.now() + this.offsetMs;
  },
};

// Milliseconds → "3 天 04:05:06" / "3 d 04:05:06"; "0" and below → null (the time has passed).
export function countdown(ms) {
  if (ms <= 0) return null;
  const s = Math.floor(ms / 1000);
  const days = Math.floor(s / 86400);
  const clock = [Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60]
    .map((n) => String(n).padStart(2, '0')).join(':');
  return days > 0 ? `${days} ${language() === 'zh' ? '天' : 'd'} ${clock}` : clock;
}
