import p from 'onnx-proto';
import type { LinearModel } from './linear-model.ts';

const { onnx } = p;

export const ONNX_INPUT = 'features';
export const ONNX_OUTPUT = 'scores';
const OPSET = 13;
const IR_VERSION = 8;

function floatTensor(name: string, dims: number[], data: Float32Array) {
  // Little-endian raw bytes whatever the host, as the ONNX format requires.
  const raw = new Uint8Array(data.length * 4);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i] ?? 0, true);
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: raw });
}

function floatMatrix(name: string, rows: string | number, columns: number) {
  const dim = (d: string | number) =>
    typeof d === 'string' ? onnx.TensorShapeProto.Dimension.create({ dimParam: d }) : { dimValue: d };
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [dim(rows), dim(columns)] } },
    },
  });
}

/**
 * The linear model as an ONNX graph: features [N, dim] → MatMul W [dim, classes] → Add b → Sigmoid →
 * scores [N, classes]. The bytes depend only on the model, so a retrain reproduces the file exactly.
 */
export function exportLinearModelToOnnx(model: LinearModel, docString: string): Uint8Array {
  const graph = onnx.GraphProto.create({
    name: 'technique_scores',
    node: [
      onnx.NodeProto.create({
        name: 'matmul',
        opType: 'MatMul',
        input: [ONNX_INPUT, 'W'],
        output: ['logits_raw'],
      }),
      onnx.NodeProto.create({
        name: 'add_bias',
        opType: 'Add',
        input: ['logits_raw', 'b'],
        output: ['logits'],
      }),
      onnx.NodeProto.create({ name: 'sigmoid', opType: 'Sigmoid', input: ['logits'], output: [ONNX_OUTPUT] }),
    ],
    initializer: [
      floatTensor('W', [model.dim, model.classes], model.weights),
      floatTensor('b', [model.classes], model.bias),
    ],
    input: [floatMatrix(ONNX_INPUT, 'N', model.dim)],
    output: [floatMatrix(ONNX_OUTPUT, 'N', model.classes)],
  });
  const proto = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'cognitive-firewall',
    producerVersion: '1',
    docString,
    graph,
  });
  return onnx.ModelProto.encode(proto).finish();
}
