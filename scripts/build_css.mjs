// Builds static/build/site.css, the one stylesheet the storefront loads:
// Bootstrap with only the selectors our templates, scripts and Python use
// (PurgeCSS), the Bootstrap Icons we use as CSS masks (no icon font to fetch),
// then our own static/css/site.css. Run by `make assets` after `npm ci`.
import { readFileSync, readdirSync, mkdirSync, writeFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { PurgeCSS } from "purgecss";

const root = new URL("..", import.meta.url).pathname;
const skip = new Set(["node_modules", ".venv", ".git", "staticfiles", "media", "build", "__pycache__", "tests"]);

function files(dir, exts, found = []) {
  for (const name of readdirSync(dir)) {
    if (skip.has(name) || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, exts, found);
    else if (exts.some((ext) => name.endsWith(ext))) found.push(path);
  }
  return found;
}

// What can name a class: templates, our scripts, and Python (status badges,
// form widgets' attrs). The admin's templates are left to Wagtail's own CSS.
const content = files(root, [".html", ".js", ".py"]).filter(
  (path) => !relative(root, path).startsWith("scripts/"),
);

const bootstrap = readFileSync(join(root, "node_modules/bootstrap/dist/css/bootstrap.min.css"), "utf8");
const [purged] = await new PurgeCSS().purge({
  content,
  css: [{ raw: bootstrap }],
  // Classes Bootstrap's JavaScript adds while it runs.
  safelist: {
    standard: [/^(show|showing|hiding|collapsing|fade|active|disabled)$/],
    greedy: [/carousel-item-/, /-backdrop/, /dropdown-menu-/],
  },
  keyframes: true,
  fontFace: true,
});

// Icons: every "bi-NAME" in the content, plus the stars picked in Python.
const names = new Set(["star", "star-half", "star-fill"]);
for (const path of content) {
  for (const match of readFileSync(path, "utf8").matchAll(/\bbi-([a-z0-9]+(?:-[a-z0-9]+)*)/g)) {
    names.add(match[1]);
  }
}
const iconDir = join(root, "node_modules/bootstrap-icons/icons");
const out = join(root, "static/build");
mkdirSync(out, { recursive: true });
const icons = [...names]
  .sort()
  .filter((name) => {
    try {
      return statSync(join(iconDir, `${name}.svg`)).isFile();
    } catch {
      return false;
    }
  })
  .map((name) => {
    // One small file each, fetched only when an icon is on screen.
    const svg = readFileSync(join(iconDir, `${name}.svg`), "utf8").replace(/\s+/g, " ").trim();
    mkdirSync(join(out, "icons"), { recursive: true });
    writeFileSync(join(out, "icons", `${name}.svg`), svg);
    return `.bi-${name}{--bi-icon:url(icons/${name}.svg)}`;
  });
const iconBase =
  ".bi{display:inline-block;width:1em;height:1em;vertical-align:-.125em;flex-shrink:0}" +
  ".bi::before{content:\"\";display:block;width:100%;height:100%;background-color:currentColor;" +
  "-webkit-mask:var(--bi-icon) center/contain no-repeat;mask:var(--bi-icon) center/contain no-repeat}";

const site = readFileSync(join(root, "static/css/site.css"), "utf8");
const css = [
  "/* Built by scripts/build_css.mjs: do not edit (edit static/css/site.css). */",
  purged.css,
  iconBase + icons.join(""),
  site,
].join("\n");
writeFileSync(join(out, "site.css"), css);
console.log(
  `static/build/site.css: ${(css.length / 1024).toFixed(1)} KiB ` +
    `(Bootstrap ${(bootstrap.length / 1024).toFixed(0)} -> ${(purged.css.length / 1024).toFixed(0)} KiB, ${icons.length} icons)`,
);

// Chart.js for the admin's reports (analytics), served from our static files.
// Without its source-map comment: the map is not shipped, and the manifest
// storage (production collectstatic) refuses a reference to a missing file.
const chart = readFileSync(join(root, "node_modules/chart.js/dist/chart.umd.min.js"), "utf8");
writeFileSync(join(out, "chart.umd.min.js"), chart.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n"));
console.log("static/build/chart.umd.min.js: copied from chart.js (no source map)");
