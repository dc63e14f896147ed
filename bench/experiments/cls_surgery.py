# Last encoder layer computes only the [CLS] row (K/V still over all tokens): output last_hidden_state is [B,1,512].
import onnx, sys
from onnx import helper, TensorProto, numpy_helper
import numpy as np
src, dst = sys.argv[1], sys.argv[2]
m = onnx.load(src); g = m.graph
X = '/encoder/layer.2/output/LayerNorm/Add_1_output_0'
XQ = X + '_quantized'
consts = [numpy_helper.from_array(np.array([0], np.int64), 'cls_starts'), numpy_helper.from_array(np.array([1], np.int64), 'cls_ends'), numpy_helper.from_array(np.array([1], np.int64), 'cls_axes')]
g.initializer.extend(consts)
new = [helper.make_node('Slice', [X, 'cls_starts', 'cls_ends', 'cls_axes'], ['cls_x'], name='cls_slice_x'),
       helper.make_node('Slice', [XQ, 'cls_starts', 'cls_ends', 'cls_axes'], ['cls_xq'], name='cls_slice_xq')]
for n in g.node:
    if n.name == '/encoder/layer.3/attention/self/query/MatMul_quant':
        n.input[0] = 'cls_xq'
    if n.name == '/encoder/layer.3/attention/output/Add':
        n.input[1] = 'cls_x'
# insert slices right after the DynamicQuantizeLinear that makes XQ
idx = next(i for i, n in enumerate(g.node) if XQ in n.output)
for k, n in enumerate(new): g.node.insert(idx + 1 + k, n)
# output shape: [batch, 1, 512]
d = g.output[0].type.tensor_type.shape.dim
d[1].ClearField('dim_param'); d[1].dim_value = 1
onnx.checker.check_model(m)
onnx.save(m, dst)
print('ok', dst)
