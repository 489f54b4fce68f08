// The explorer's state between requests (kept in the explore worker): the last run's steps as float32 once, answering
// thumbnail pages and drill-downs without running the model again.
import { readModelFile } from '../pymodel';
import type { DrillDown, ExploreRunRequest, ExploreRunResult, StepView, ThumbPage } from '../protocol/explore';
import type { Inflate } from '../tensor-files/byte-source';
import { convDrillDown } from './drill';
import { classLabels, explainStep, topK } from './explain';
import { buildModel, runSteps, type ExploreRun, type ExploreStep } from './explore-model';
import type { IrNetwork } from './ir-network';
import { IMAGENET, readStateDictFile } from './inputs';
import { resolveInput } from './input-source';
import { resolveModelCall } from './model-call';
import { mismatchLines } from './state-dict-match';
import { summarizeStep } from './summary';
import { planes, thumbPage, thumbSize } from './thumbs';

export class ExploreSession {
  private run?: ExploreRun;
  private net?: IrNetwork;

  constructor(private readonly inflate?: Inflate) {}

  /** Runs the request; `onStep` receives each step's view as soon as it ran (the panel shows the first ones at once). */
  async explore(req: ExploreRunRequest, onStep?: (view: StepView) => void): Promise<ExploreRunResult> {
    const file = readModelFile(req.text);
    const call = resolveModelCall(file, req.model);
    const weights = req.weights ? await readStateDictFile(req.weights.bytes, this.inflate) : undefined;
    const built = buildModel(file, call.className, { args: call.args, kwargs: call.kwargs, seed: req.seed, weights });
    const input = await resolveInput(req.input, {
      file,
      className: call.className,
      instance: call.instance,
      seed: req.seed,
      image: { normalize: req.normalize === 'imagenet' ? IMAGENET : undefined },
      inflate: this.inflate,
    });
    this.run = undefined;
    this.net = built.net;
    const params = new Map(built.net.stateTensors.map((p) => [p.key, p.tensor]));
    const view = (s: ExploreStep): StepView => {
      const { channels, h, w } = planes(s.output);
      return {
        ...summarizeStep(s),
        channels,
        thumb: thumbSize(h, w),
        drill: s.kind === 'module' && s.type === 'Conv2d',
        explain: explainStep(s, (key) => params.get(key), req.train),
      };
    };
    const steps: StepView[] = [];
    this.run = runSteps(built.net, input.tensor, {
      train: req.train,
      onStep: (s) => {
        steps.push(view(s));
        onStep?.(steps[steps.length - 1]);
      },
    });
    return {
      title: `${call.label} on ${input.label}`,
      input: { label: input.label, shape: [...input.tensor.shape] },
      steps,
      output: { shape: [...this.run.output.shape], topK: topK(this.run.output, classLabels(file)) },
      weightProblems: built.match && built.loadError ? mismatchLines(built.match).map((l) => l.trim()) : undefined,
    };
  }

  thumbs(step: number, from: number, count: number, scale: 'shared' | 'channel'): ThumbPage {
    const s = this.step(step);
    return thumbPage(step, s.output, from, count, scale);
  }

  drill(step: number, channel: number): DrillDown {
    const s = this.step(step);
    const weight = this.net?.stateTensors.find((p) => p.key === `${s.name}.weight`)?.tensor;
    const bias = this.net?.stateTensors.find((p) => p.key === `${s.name}.bias`)?.tensor;
    if (!weight) throw new Error(`${s.name} has no weight`);
    return convDrillDown(s, channel, weight.data, weight.shape, bias?.data);
  }

  private step(i: number) {
    const s = this.run?.steps[i];
    if (!s) throw new Error('run the model first');
    return s;
  }
}
