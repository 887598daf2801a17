/**
 * The fonts the PDF of a consolidated text embeds (print-pdf.ts): DejaVu Serif, regular, bold and italic, from the npm
 * package `dejavu-fonts-ttf` (TrueType, every Vietnamese letter precomposed; Bitstream Vera licence, free to embed).
 * Reading them is I/O, which the domain may not do (domain/README.md), so it is done here, once per process.
 *
 * Where they are read from: a `fonts/` folder beside this code when there is one (a Lambda bundle has no
 * node_modules: the build copies the three files there), else the package in node_modules (local runtime, CLI, tests).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PrintFonts {
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
}

/** The files, by style: what a bundle must carry in its `fonts/` folder (about 1.1 MB together). */
export const PRINT_FONT_FILES: Record<keyof PrintFonts, string> = {
  regular: 'DejaVuSerif.ttf',
  bold: 'DejaVuSerif-Bold.ttf',
  italic: 'DejaVuSerif-Italic.ttf',
};

/** The package whose TrueType files are read outside a bundle. */
export const PRINT_FONT_PACKAGE = 'dejavu-fonts-ttf';

/** The package's folder of TrueType files, resolved by Node's own resolution (named by a constant: bundlers leave it be). */
function packageFontDir(): string {
  try {
    return join(require.resolve(`${PRINT_FONT_PACKAGE}/package.json`), '..', 'ttf');
  } catch (e) {
    throw new Error(`The PDF fonts are neither in ${join(__dirname, 'fonts')} nor in the package ${PRINT_FONT_PACKAGE}: a bundle must carry them`, {
      cause: e,
    });
  }
}

/** Where a font file is: the bundle's `fonts/` folder first, else the package. */
export function printFontPath(file: string, bundledDir = join(__dirname, 'fonts')): string {
  const bundled = join(bundledDir, file);
  return existsSync(bundled) ? bundled : join(packageFontDir(), file);
}

let loaded: PrintFonts | null = null;

/** The three fonts' bytes, read on first use and kept. */
export function printFonts(): PrintFonts {
  if (!loaded) {
    const read = (file: string) => new Uint8Array(readFileSync(printFontPath(file)));
    loaded = { regular: read(PRINT_FONT_FILES.regular), bold: read(PRINT_FONT_FILES.bold), italic: read(PRINT_FONT_FILES.italic) };
  }
  return loaded;
}
