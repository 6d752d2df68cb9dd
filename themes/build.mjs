#!/usr/bin/env node
// Builds the account and admin consoles of theme "access-keys" with the machine's own node and npm.
// Maven runs it (see pom.xml, execution "build-themes"); it also runs by hand:
//
//   node themes/build.mjs --out target/classes/theme/access-keys [--work target/themes] [--only account] [--force]
//
// 1. `npm ci` when node_modules is missing or older than package-lock.json (so repeat builds skip it);
// 2. checks that every message bundle of a console has the same keys as its English one;
// 3. for each console, unless its inputs are unchanged since the last build (a hash kept in --work):
//    `vite build` into <out>/<console>/resources, then writes theme.properties and the message bundles
//    (themes/shared/messages + themes/<console>/theme/messages, merged) to <out>/<console>/.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const themesDir = path.dirname(fileURLToPath(import.meta.url));
const consoles = ["account", "admin"];

function parseArgs(argv) {
  const args = { out: null, work: null, only: null, force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--out") args.out = argv[++i];
    else if (arg === "--work") args.work = argv[++i];
    else if (arg === "--only") args.only = argv[++i];
    else if (arg === "--force") args.force = true;
    else throw new Error(`Unknown argument ${arg}`);
  }
  if (!args.out) throw new Error("--out <theme directory> is required");
  args.out = path.resolve(args.out);
  args.work = path.resolve(args.work ?? path.join(args.out, "..", "..", "..", "themes-build"));
  if (args.only && !consoles.includes(args.only)) throw new Error(`--only takes one of ${consoles.join(", ")}`);
  return args;
}

function seconds(since) {
  return ((performance.now() - since) / 1000).toFixed(1) + " s";
}

function ensureDependencies() {
  const lock = path.join(themesDir, "package-lock.json");
  const installed = path.join(themesDir, "node_modules", ".package-lock.json");
  const fresh = fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh) {
    console.log("[themes] node_modules is up to date with package-lock.json");
    return;
  }
  const started = performance.now();
  console.log("[themes] npm ci (node_modules is missing or older than package-lock.json)");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: themesDir,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    throw new Error(`npm ci failed (${result.error ?? "exit " + result.status})`);
  }
  console.log(`[themes] npm ci took ${seconds(started)}`);
}

function readProperties(file) {
  const keys = new Set();
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#") || trimmed.startsWith("!")) continue;
    const key = trimmed.split(/[=:]/, 1)[0].trim();
    if (keys.has(key)) throw new Error(`${file}: duplicate key ${key}`);
    keys.add(key);
  }
  return keys;
}

/** A console's bundles: its own messages plus the shared ones, by file name (messages_en.properties, ...). */
function bundles(name) {
  const own = path.join(themesDir, name, "theme", "messages");
  const shared = path.join(themesDir, "shared", "messages");
  const files = new Set([...fs.readdirSync(own), ...fs.readdirSync(shared)].filter((f) => f.endsWith(".properties")));
  return [...files].sort().map((file) => ({ file, parts: [path.join(shared, file), path.join(own, file)] }));
}

/**
 * Every bundle of a console has exactly the English keys, no key is both shared and the console's own, and every
 * "ak…" key the sources name exists.
 */
function checkMessages(name) {
  const keysOf = ({ file, parts }) => {
    const all = new Set();
    for (const part of parts) {
      if (!fs.existsSync(part)) throw new Error(`${path.relative(themesDir, part)} is missing (${file} must exist for shared and ${name})`);
      for (const key of readProperties(part)) {
        if (all.has(key)) throw new Error(`${file}: key ${key} is both shared and ${name}'s own`);
        all.add(key);
      }
    }
    return all;
  };
  const all = bundles(name);
  const english = keysOf(all.find((b) => b.file === "messages_en.properties"));
  for (const bundle of all) {
    const keys = keysOf(bundle);
    const missing = [...english].filter((k) => !keys.has(k));
    const extra = [...keys].filter((k) => !english.has(k));
    if (missing.length || extra.length) {
      throw new Error(`${name} ${bundle.file}: missing ${missing.join(", ") || "-"}; unknown ${extra.join(", ") || "-"}`);
    }
  }
  const sources = [...listFiles(path.join(themesDir, name, "src")), ...listFiles(path.join(themesDir, "shared"))].filter((f) =>
    /\.(ts|tsx)$/.test(f),
  );
  for (const source of sources) {
    for (const [, key] of fs.readFileSync(source, "utf8").matchAll(/["'`](ak[A-Z][A-Za-z0-9]*)["'`]/g)) {
      if (!english.has(key)) throw new Error(`${path.relative(themesDir, source)} uses message ${key}, which ${name}'s messages_en.properties lacks`);
    }
  }
}

/** theme.properties and the merged message bundles into <out>/<console>/. */
function copyThemeFiles(name, target) {
  fs.copyFileSync(path.join(themesDir, name, "theme", "theme.properties"), path.join(target, "theme.properties"));
  const messages = path.join(target, "messages");
  fs.rmSync(messages, { recursive: true, force: true });
  fs.mkdirSync(messages, { recursive: true });
  for (const { file, parts } of bundles(name)) {
    fs.writeFileSync(path.join(messages, file), parts.map((part) => fs.readFileSync(part, "utf8").trimEnd() + "\n").join(""));
  }
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

function inputsHash(name) {
  const files = [
    ...listFiles(path.join(themesDir, name)),
    ...listFiles(path.join(themesDir, "shared")),
    path.join(themesDir, "vite.shared.mjs"),
    path.join(themesDir, "tsconfig.json"),
    path.join(themesDir, "build.mjs"),
    path.join(themesDir, "package-lock.json"),
  ].sort();
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(path.relative(themesDir, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

async function buildConsole(name, args) {
  const target = path.join(args.out, name);
  const stampFile = path.join(args.work, `${name}.sha256`);
  const hash = inputsHash(name);
  const upToDate =
    !args.force &&
    fs.existsSync(path.join(target, "resources", ".vite", "manifest.json")) &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, "utf8") === hash;
  if (upToDate) {
    console.log(`[themes] ${name}: up to date`);
    return;
  }
  const started = performance.now();
  // Imported here, after `npm ci`: they resolve from themes/node_modules.
  const { build } = await import("vite");
  const { consoleConfig } = await import("./vite.shared.mjs");
  fs.mkdirSync(target, { recursive: true });
  await build(consoleConfig(name, path.join(target, "resources")));
  copyThemeFiles(name, target);
  fs.mkdirSync(args.work, { recursive: true });
  fs.writeFileSync(stampFile, hash);
  console.log(`[themes] ${name}: built in ${seconds(started)} into ${path.relative(process.cwd(), target) || target}`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  ensureDependencies();
  const selected = args.only ? [args.only] : consoles;
  selected.forEach(checkMessages);
  for (const name of selected) {
    await buildConsole(name, args);
  }
  console.log(`[themes] done in ${seconds(started)}`);
}

main().catch((error) => {
  console.error(`[themes] ${error.stack ?? error}`);
  process.exit(1);
});
