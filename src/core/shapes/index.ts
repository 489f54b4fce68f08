// Static shape flow through the nn.Module classes of a Python file, as PyTorch 1.13 would compute it (exact errors).
export { analyzeFile, analyzeFileCached, inputFromComments, parseShapeText, parameterCount } from './analyze';
export { FileInputs } from './file-inputs';
export type { AnalyzeOptions, FileShapes, InputSource, LayerShape, ModelReport, TextFix } from './analyze';
export { trace, hintValue, type LeafOutput, type TraceError, type TraceResult } from './trace';
export { layerOutput, LayerError } from './layer-shapes';
export { modelSummary } from './summary';
export { scriptLayers, type ScriptLayerShape } from './script-layers';
