import p from 'onnx-proto';
import { FEATURE_DIM } from '../features-spec.ts';
import { TECHNIQUE_COUNT } from '../taxonomy.ts';

const { onnx } = p;

export interface LinearModelSpec {
  /** Row-major [inputDim, outputs]. */
  weights: Float32Array;
  /** Width of the input row; FEATURE_DIM unless given. */
  inputDim?: number;
  bias: Float32Array;
  outputs?: number;
  inputName?: string;
  outputName?: string;
}

/**
 * A real ONNX model of the technique model's shape: sigmoid(features · W + b), opset 13, IR version 8, the
 * same graph the trainer exports. Tests build it with chosen weights so expected scores can be computed.
 */
export function buildLinearTechniqueModel(spec: LinearModelSpec): Uint8Array {
  const outputs = spec.outputs ?? TECHNIQUE_COUNT;
  const inputDim = spec.inputDim ?? FEATURE_DIM;
  const inputName = spec.inputName ?? 'features';
  const outputName = spec.outputName ?? 'scores';
  if (spec.weights.length !== inputDim * outputs || spec.bias.length !== outputs) {
    throw new Error('weights must be inputDim × outputs and bias must have one value per output');
  }
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'cognitive-firewall-tests',
    graph: {
      name: 'technique-model',
      node: [
        { opType: 'MatMul', input: [inputName, 'W'], output: ['logits_raw'] },
        { opType: 'Add', input: ['logits_raw', 'b'], output: ['logits'] },
        { opType: 'Sigmoid', input: ['logits'], output: [outputName] },
      ],
      initializer: [
        {
          name: 'W',
          dims: [inputDim, outputs],
          dataType: onnx.TensorProto.DataType.FLOAT,
          rawData: new Uint8Array(spec.weights.buffer, spec.weights.byteOffset, spec.weights.byteLength),
        },
        {
          name: 'b',
          dims: [outputs],
          dataType: onnx.TensorProto.DataType.FLOAT,
          rawData: new Uint8Array(spec.bias.buffer, spec.bias.byteOffset, spec.bias.byteLength),
        },
      ],
      input: [tensorInfo(inputName, inputDim)],
      output: [tensorInfo(outputName, outputs)],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

function tensorInfo(name: string, width: number) {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] },
      },
    },
  };
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
export const logit = (p: number): number => Math.log(p / (1 - p));
