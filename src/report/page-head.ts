import { escapeHtml } from "./escape-html.js";

/**
 * The opening of every page spikegrade writes, up to <body>: UTF-8, a viewport, a referrer
 * policy that leaks nothing, and the page's Content-Security-Policy (what it may load and run).
 */
export function pageHead(page: {
  title: string;
  css: string;
  contentSecurityPolicy: string;
}): string[] {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${page.contentSecurityPolicy}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${page.css}</style>`,
    "</head>",
    "<body>",
  ];
}
