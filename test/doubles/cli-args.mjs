// Command-line parsing shared by the doubles' cli.mjs: `--help` prints the file's header comment
// (`usageLines` lines after the shebang), `--key value`, `--key=value` and bare `--flag` (true);
// a key may repeat.
import { readFileSync } from 'node:fs';

/** @param {string} cliUrl import.meta.url of the cli.mjs @param {number} usageLines */
export function parseCliArgs(cliUrl, usageLines, args = process.argv.slice(2)) {
  if (args.includes('--help') || args.includes('-h')) {
    const usage = readFileSync(new URL(cliUrl), 'utf8').split('\n').slice(1, 1 + usageLines);
    console.log(usage.map((line) => line.replace(/^\/\/ ?/, '')).join('\n'));
    process.exit(0);
  }
  /** @type {Record<string, string[]>} */
  const opts = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) continue;
    const [k, inline] = a.slice(2).split(/=(.*)/s);
    const v = inline ?? (args[i + 1] && !args[i + 1].startsWith('--') ? args[++i] : 'true');
    (opts[k] ??= []).push(v);
  }
  /** The last value of a key, or the default. @param {string} k @param {string} [d] */
  const one = (k, d) => opts[k]?.at(-1) ?? d;
  return { opts, one };
}
