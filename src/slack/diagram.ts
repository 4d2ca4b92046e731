import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { instance, type Viz } from '@viz-js/viz';

/**
 * Renders a design's Graphviz source to PNG in-process: Graphviz compiled to WebAssembly (@viz-js/viz) lays it out
 * as SVG, resvg rasterises it. No browser and no system package; the fonts ship with the app (DejaVu, from npm),
 * because a slim container has none and text would otherwise vanish.
 */

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => path.join(FONT_DIR, f));

/** Wide enough to read at Slack's preview size; the height follows the layout. */
const WIDTH_PX = 1600;

let viz: Promise<Viz> | undefined;

export async function renderDiagramSvg(dot: string): Promise<string> {
  viz ??= instance();
  return (await viz).renderString(dot, { format: 'svg', engine: 'dot' });
}

export async function renderDiagramPng(dot: string): Promise<Buffer> {
  const svg = await renderDiagramSvg(dot);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: WIDTH_PX },
    background: 'white',
    font: { loadSystemFonts: false, fontFiles: FONTS, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
