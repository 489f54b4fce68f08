// The hover of a live tensor (of a paused program or a notebook's kernel, fetched by the live layer): the literal hover, marked live.
import type { Dtype } from '../core/literals/types';
import { statsOf } from '../core/protocol/live-tensor';
import type { KernelService } from '../host/kernel-service';
import type { LiveHoverInput } from '../host/live/live-hover-kit';
import { readEnvironment } from './environment';
import { HOVER_COMMANDS, escapeMarkdown } from './markdown';
import { composeTensorHover } from './tensor-hover';
import { renderTensorImages } from './tensor-images';

export const LIVE_HOVER_COMMANDS = [
  ...HOVER_COMMANDS,
  'tensorLens.openExpression',
  'tensorLens.explainLayer',
  'tensorLens.live.useKernel',
  'tensorLens.live.copyTensor',
] as const;

function commandLink(label: string, command: string, expression: string, tip: string): string {
  const uri = `command:${command}?${encodeURIComponent(JSON.stringify([{ expression }]))
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')}`;
  return `[${label}](${uri} "${tip.replace(/"/g, "'")}")`;
}

function liveLinks(expression: string): string[] {
  return [
    commandLink(
      'Open in Convolution panel',
      'tensorLens.openExpression',
      expression,
      `Fetch ${expression} and open it in the Convolution panel`,
    ),
    commandLink('Use as kernel', 'tensorLens.live.useKernel', expression, `Fetch ${expression} and use it as the convolution kernel`),
    commandLink('Copy as torch.tensor', 'tensorLens.live.copyTensor', expression, `Fetch ${expression} and copy it as torch.tensor(…)`),
  ];
}

export function liveHoverKit(kernels: KernelService) {
  return {
    trusted: LIVE_HOVER_COMMANDS,
    escape: escapeMarkdown,
    markdown(input: LiveHoverInput): string {
      const { expression, meta, plane } = input;
      const env = readEnvironment(kernels.last);
      let images: ReturnType<typeof renderTensorImages> | 'off' = 'off';
      let note = '';
      if (plane instanceof Float32Array) {
        const kernel = env.settings.showFeatureMap && env.kernel && !('error' in env.kernel) ? env.kernel : undefined;
        images = renderTensorImages(meta.shape, plane, kernel, env.theme);
      } else if (plane === 'too-big') {
        const [H, W] = meta.shape.slice(-2);
        note = `_plane ${H}×${W} is too big to draw in a hover — open it in the Convolution panel_`;
      } else if (plane !== 'none') note = `$(warning) ${escapeMarkdown(plane.error)}`;
      const syntax = meta.kind.startsWith('torch') ? 'torch.tensor' : meta.kind === 'numpy.ndarray' ? 'np.array' : 'live';
      const markdown = composeTensorHover({
        literal: {
          kind: 'tensor',
          name: expression,
          range: { start: 0, end: 0 },
          shape: meta.shape,
          data: new Float32Array(0),
          dtype: meta.dtype as Dtype,
          syntax,
        },
        stats: statsOf(meta),
        images,
        kernel: images === 'off' ? undefined : env.kernel,
        offers: [],
        links: liveLinks(expression),
      });
      const [title, ...rest] = markdown.split('\n\n');
      const live =
        input.origin === 'kernel'
          ? [`$(notebook) kernel · after cell [${input.cell ?? ' '}]`]
          : [`$(debug-pause) live · paused at ${input.line !== undefined ? `line ${input.line}` : 'a breakpoint'}`];
      if (input.where && input.origin === 'debug') live.push(escapeMarkdown(input.where.replace(/:\d+$/, '')));
      live.push(meta.kind === 'torch.nn.Parameter' ? `Parameter on ${meta.device}` : `${escapeMarkdown(meta.kind)} on ${meta.device}`);
      if (meta.requiresGrad) live.push('requires grad');
      return [title, live.join(' · '), ...(note ? [note] : []), ...rest].join('\n\n');
    },
  };
}
