// Python model IR: the nn.Module classes of a file as a module tree (from running __init__ on constants) plus each
// class's forward as a statement tree, ready to be interpreted for shapes (src/core/shapes) or built into engine models.
//
// API:
//   readModelFile(text)                          → PyModelFile: classes, nn.Module classes, constants, instantiations/uses
//   instantiate(file, 'TinyResNet', args, kw)    → ModuleInstance tree (path, type, bound args with PyTorch defaults,
//                                                  children in registration order, argument source spans)
//   findMethod(file, cls, 'forward')             → MethodDef (params, body: Stmt[] with lines and offsets)
//   Interp / Hooks                               → run a forward body with your own meaning for calls and tensors
//   ownParameterCount(type, args)                → learnable parameters of one built-in layer
// Errors: instantiate throws TorchError (PyTorch's constructor TypeErrors) or Stop {why, line} for code it cannot follow.
export { readModelFile, type PyModelFile, type Instantiation, type ModelUse } from './model-file';
export { instantiate, findMethod, bindParams, layerTypeOf, setPaths, buildLayer } from './instantiate';
export { Interp } from './interp';
export { Stop, type Callee, type CallSite, type Frame, type Hooks } from './interp-hooks';
export { LAYER_SIGNATURES, FUNCTION_SIGNATURES, bindLayerArguments, isBuiltinLayer, ownParameterCount, type Bound } from './builtin-layers';
export { parseClasses, commentsAround, type ClassDef, type MethodDef, type Param, type Stmt } from './syntax';
export { parseExpr } from './python-expr';
export { dottedName, constValue, type Expr, type Span } from './python-ast';
export { statements, blockAfter, type Statement } from './python-source';
export * from './values';
