import ort from 'onnxruntime-node';
const s = await ort.InferenceSession.create('models/BAAI/bge-small-zh-v1.5/onnx/model_quantized.onnx', { optimizedModelFilePath: '/tmp/opt.onnx', graphOptimizationLevel: 'all' });
console.log(s.inputNames, s.outputNames);
