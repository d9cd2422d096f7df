/**
 * Colour pages: red seals removed by colour before anything is binarised. Red ink is where the red
 * channel stands well above green and blue; there the pixel takes the paper's tone (from its red
 * channel), in proportion to how red it is, while black print (dark in every channel, even under a seal) stays black.
 * The seal's pixels are kept as a mask, so text read through a seal can be doubted.
 */

/** Redness (red above the larger of green and blue) at which a pixel starts and ends being seal ink. */
const RED_FROM = 30;
const RED_FULL = 70;
/** Red channel of seal ink over that of the paper beside it. */
const SEAL_RED_REFLECTANCE = 0.8;

/** Grey pixels with red ink lightened away, and the mask of the red ink (255) or null when there is none. */
export function rgbToGrayWithoutRed(data: Uint8Array, width: number, height: number, channels: number): { gray: Uint8Array; seal: Uint8Array | null } {
  const n = width * height;
  const gray = new Uint8Array(n);
  const seal = new Uint8Array(n);
  let red = 0;
  for (let i = 0, j = 0; i < n; i++, j += channels) {
    const r = data[j]!;
    const g = data[j + 1]!;
    const b = data[j + 2]!;
    const luma = (r * 299 + g * 587 + b * 114) / 1000;
    const redness = r - Math.max(g, b);
    if (redness <= RED_FROM) {
      gray[i] = luma;
      continue;
    }
    const w = Math.min(1, (redness - RED_FROM) / (RED_FULL - RED_FROM));
    // Clear seal ink becomes the paper's tone there (red ink reflects ~80 % of the red light the
    // paper does, so the red channel tracks the light falling on the page, unlike plain white,
    // which in a dim corner of a photo would be brighter than the paper around it); a pixel only
    // partly red (black print showing through) keeps its darkness in part.
    gray[i] = luma * (1 - w) + Math.min(255, r / SEAL_RED_REFLECTANCE) * w;
    if (w >= 0.5) {
      seal[i] = 255;
      red++;
    }
  }
  // A few reddish pixels (JPEG colour fringes, a red pen tick) are no seal.
  return { gray, seal: red > 0.0005 * n ? seal : null };
}
