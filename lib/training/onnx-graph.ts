/**
 * Exports the champion model as an ONNX graph (opset 13 + ai.onnx.ml 2) with all preprocessing
 * inside: raw loan fields in, probability of default out. Encoded with onnx-proto (protobufjs).
 */
import onnxProto, { type onnx as OnnxTypes } from 'onnx-proto';
import type { ChampionModel } from './champion';
import { inputsOf, type Expr } from './expression';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const STRING = onnx.TensorProto.DataType.STRING;
const INT64 = onnx.TensorProto.DataType.INT64;
const Attr = onnx.AttributeProto.AttributeType;

export const PD_OUTPUT = 'pd';

const vector = (name: string, elemType: number) => ({
  name,
  type: { tensorType: { elemType, shape: { dim: [{ dimParam: 'N' }] } } },
});

class GraphBuilder {
  nodes: OnnxTypes.INodeProto[] = [];
  initializers: OnnxTypes.ITensorProto[] = [];
  private emitted = new Map<string, string>();
  private counter = 0;

  fresh(hint: string): string {
    return `${hint}_${this.counter++}`;
  }

  floats(name: string, values: number[], dims: number[]): string {
    this.initializers.push({ name, dataType: FLOAT, dims, floatData: values });
    return name;
  }

  int64s(name: string, values: number[]): string {
    this.initializers.push({ name, dataType: INT64, dims: [values.length], int64Data: values });
    return name;
  }

  node(opType: string, inputs: string[], hint: string, attribute: OnnxTypes.IAttributeProto[] = [], domain = ''): string {
    const output = this.fresh(hint);
    this.nodes.push({ opType, domain, input: inputs, output: [output], name: output, attribute });
    return output;
  }

  /** Emits an expression once; a repeated sub-expression reuses the first tensor. */
  expr(e: Expr): string {
    const key = JSON.stringify(e);
    const done = this.emitted.get(key);
    if (done) return done;
    const name = this.emit(e);
    this.emitted.set(key, name);
    return name;
  }

  private emit(e: Expr): string {
    switch (e.op) {
      case 'input':
        return e.name;
      case 'const':
        return this.floats(this.fresh('const'), [e.value], []);
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'pow':
      case 'max':
      case 'min': {
        const op = e.op.charAt(0).toUpperCase() + e.op.slice(1);
        return this.node(op, [this.expr(e.a), this.expr(e.b)], e.op);
      }
      case 'log':
        return this.node('Log', [this.expr(e.a)], 'log');
      case 'clip':
        return this.node(
          'Clip',
          [this.expr(e.a), this.expr({ op: 'const', value: e.lo }), this.expr({ op: 'const', value: e.hi })],
          'clip',
        );
      case 'impute': {
        const x = this.expr(e.a);
        const missing = this.node('IsNaN', [x], 'is_missing');
        return this.node('Where', [missing, this.expr({ op: 'const', value: e.value }), x], 'imputed');
      }
      case 'lookup':
        return this.lookup(e.name, e.table, 'encoded');
    }
  }

  /** String → float table lookup; an unknown category yields NaN so it can never pass silently. */
  lookup(inputName: string, table: Record<string, number>, hint: string): string {
    const keys = Object.keys(table);
    return this.node(
      'LabelEncoder',
      [inputName],
      hint,
      [
        { name: 'keys_strings', type: Attr.STRINGS, strings: keys.map((k) => new TextEncoder().encode(k)) },
        { name: 'values_floats', type: Attr.FLOATS, floats: keys.map((k) => table[k]!) },
        { name: 'default_float', type: Attr.FLOAT, f: Number.NaN },
      ],
      'ai.onnx.ml',
    );
  }
}

export interface OnnxExportInfo {
  name: string;
  version: string;
  description: string;
}

/** Raw inputs the model reads, numeric and categorical, in a stable (sorted) order. */
export function modelInputs(model: ChampionModel) {
  const found = { numeric: new Set<string>(), categorical: new Set<string>() };
  for (const f of model.numeric) inputsOf(f.expr, found);
  for (const c of model.categorical) found.categorical.add(c.input);
  return { numeric: [...found.numeric].sort(), categorical: [...found.categorical].sort() };
}

export function exportOnnx(model: ChampionModel, info: OnnxExportInfo): Uint8Array {
  const g = new GraphBuilder();
  const axis1 = g.int64s('axis_1', [1]);
  const columns = model.numeric.map((f) => {
    const value = g.expr(f.expr);
    return g.node('Unsqueeze', [value, axis1], `${f.name}_col`);
  });
  const features = g.node('Concat', columns, 'features', [{ name: 'axis', type: Attr.INT, i: 1 }]);
  const centred = g.node(
    'Sub',
    [
      features,
      g.floats(
        'feature_mean',
        model.numeric.map((f) => f.mean),
        [model.numeric.length],
      ),
    ],
    'centred',
  );
  const standardised = g.node(
    'Div',
    [
      centred,
      g.floats(
        'feature_sd',
        model.numeric.map((f) => f.sd),
        [model.numeric.length],
      ),
    ],
    'standardised',
  );
  const linear = g.node(
    'MatMul',
    [
      standardised,
      g.floats(
        'weights',
        model.numeric.map((f) => f.weight),
        [model.numeric.length, 1],
      ),
    ],
    'linear',
  );
  let logit = g.node('Squeeze', [linear, axis1], 'numeric_logit');
  for (const c of model.categorical) {
    logit = g.node('Add', [logit, g.lookup(c.input, c.effectByLevel, `${c.name}_effect`)], 'logit');
  }
  logit = g.node('Add', [logit, g.floats('intercept', [model.intercept], [])], 'logit');
  g.nodes.push({ opType: 'Sigmoid', input: [logit], output: [PD_OUTPUT], name: 'probability_of_default' });

  const inputs = modelInputs(model);
  const proto = onnx.ModelProto.fromObject({
    irVersion: 8,
    opsetImport: [
      { domain: '', version: 13 },
      { domain: 'ai.onnx.ml', version: 2 },
    ],
    producerName: 'riskdial-train',
    producerVersion: info.version,
    modelVersion: 1,
    docString: info.description,
    metadataProps: [
      { key: 'name', value: info.name },
      { key: 'version', value: info.version },
    ],
    graph: {
      name: info.name,
      node: g.nodes,
      initializer: g.initializers,
      input: [...inputs.numeric.map((n) => vector(n, FLOAT)), ...inputs.categorical.map((n) => vector(n, STRING))],
      output: [vector(PD_OUTPUT, FLOAT)],
    },
  });
  return onnx.ModelProto.encode(proto).finish();
}
