#!/usr/bin/env node
// Usage: node m3u_stream_options.mjs <file|url>
// What each of the two npm parsers reads of every entry's stream options, keyed by stream URL:
// user agent, referrer and catch-up, as iptv-playlist-parser (attributes and #EXTVLCOPT lines) and
// @iptv/playlist (attributes only: the rest lands in `extras`) report them. Exit 1 when a parser throws.
import { createRequire } from 'node:module';
import { parseM3U } from '@iptv/playlist';
import { loadText, die } from './_load.mjs';
const parser = createRequire(import.meta.url)('iptv-playlist-parser');
const src = process.argv[2] || die('usage: m3u_stream_options.mjs <file|url>');
const text = await loadText(src);
let a, b;
try { a = parser.parse(text).items; } catch (e) { die(`iptv-playlist-parser: ${e.message}`); }
try { b = parseM3U(text).channels; } catch (e) { die(`@iptv/playlist: ${e.message}`); }
const none = (v) => (v === undefined || v === null || v === '' ? null : v);
console.log(JSON.stringify({
  src,
  parser: a.map((i) => ({ url: i.url, name: i.name, user_agent: none(i.http['user-agent']),
    referrer: none(i.http.referrer), catchup: none(i.catchup.type), catchup_days: none(i.catchup.days),
    catchup_source: none(i.catchup.source), raw: i.raw })),
  playlist: b.map((c) => ({ url: c.url, name: c.name ?? null, user_agent: none(c.extras?.['user-agent']),
    referrer: none(c.extras?.referrer), catchup: none(c.catchup), catchup_days: none(c.catchupDays),
    catchup_source: none(c.catchupSource) })),
}));
