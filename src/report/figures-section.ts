import { escapeHtml as h } from "./escape-html.js";
import { FIGURE_KEYS, FIGURES, type ReportFigure } from "./figures.js";
import { type ImageMode, type ImageSource, imageSource } from "./image-source.js";
import type { ReportAssets } from "./report-assets.js";

/** A figure as the page shows it: where its image comes from and its words (figures.ts). */
export interface ShownFigure {
  key: ReportFigure;
  source: ImageSource;
  title: string;
  alt: string;
  caption: string;
}

/** The figures given in the assets, in the page's order; a figure given badly is a RangeError. */
export function shownFigures(assets: ReportAssets, mode: ImageMode, scale: number): ShownFigure[] {
  const out: ShownFigure[] = [];
  for (const key of FIGURE_KEYS) {
    const asset = assets[key];
    if (asset === undefined) continue;
    const { fileName, title, alt, caption } = FIGURES[key];
    const source = imageSource(asset, key, mode, fileName, scale);
    out.push({ key, source, title, alt, caption });
  }
  return out;
}

/** The figures, each with its caption; nothing when none was given. */
export function figuresSection(figures: readonly ShownFigure[]): string {
  if (figures.length === 0) return "";
  const items = figures.map((f) => {
    const size =
      f.source.width !== undefined && f.source.height !== undefined
        ? ` width="${f.source.width}" height="${f.source.height}"`
        : "";
    return `<figure id="figure-${f.key}">
<img src="${h(f.source.src)}" alt="${h(f.alt)}"${size}>
<figcaption>${f.caption}</figcaption>
</figure>`;
  });
  return `<section aria-labelledby="figures-title">
<h2 id="figures-title">Figures</h2>
${items.join("\n")}
</section>`;
}
