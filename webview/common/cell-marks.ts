// How a heatmap cell says what it is: padding hatched, a zero inserted between input cells outlined with dots.

/** Padding: thin diagonal lines over the dimmed cell. */
export function hatchCell(ctx: CanvasRenderingContext2D, x: number, y: number, s: number, color: string): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, s, s);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.globalAlpha = 0.25;
  ctx.lineWidth = 1;
  for (let d = -s; d < s; d += 6) {
    ctx.moveTo(x + d, y + s);
    ctx.lineTo(x + d + s, y);
  }
  ctx.stroke();
  ctx.restore();
}

/** An inserted zero (transposed convolution): a dotted inner outline, so it reads apart from both input cells and hatched padding. */
export function dotCell(ctx: CanvasRenderingContext2D, x: number, y: number, s: number, color: string): void {
  const inset = Math.max(2, s / 8);
  ctx.save();
  ctx.strokeStyle = color;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = 1;
  ctx.setLineDash([1, 2]);
  ctx.strokeRect(x + inset + 0.5, y + inset + 0.5, s - 2 * inset - 1, s - 2 * inset - 1);
  ctx.restore();
}
