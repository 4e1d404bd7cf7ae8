"""Stand-ins for TensorFlow and PyTorch tensors, so that question tests
check tensor answers without importing either framework (seconds each).

helpers._convert recognises tensors by their methods: ``.numpy()`` for
TensorFlow, ``.detach().cpu().numpy()`` for PyTorch.
"""

import numpy as np


class FakeTFTensor:
    """Quacks like a tf.Tensor: it has .numpy() and no .detach()."""

    def __init__(self, value, dtype=np.float32):
        self.value, self.dtype = value, dtype

    def numpy(self):
        return np.array(self.value, dtype=self.dtype)


class FakeTorchTensor(FakeTFTensor):
    """Quacks like a torch.Tensor: .detach().cpu().numpy()."""

    def detach(self):
        return self

    def cpu(self):
        return self
