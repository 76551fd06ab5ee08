"""Figure 1B's frozen current with numpy alone, exactly as spikegrade's reference draws it:
1000 ms at dt 0.5 ms, mean 150 pA, SD 100 pA, tau 3 ms, seed 2021, on from 50 ms to 950 ms.
src/model/stimulus.test.ts checks that it prints the reference's trace."""
import json

import numpy as np

z = np.random.RandomState(2021).standard_normal(2000)  # 1000 ms / 0.5 ms = 2000 samples
a = np.exp(-0.5 / 3)  # exp(-dt / tau)
x = [100 * z[0]]  # deviation from the mean, SD 100 pA
for zi in z[1:]:
    x.append(a * x[-1] + 100 * np.sqrt(1 - a * a) * zi)
print(json.dumps([150 + xi if 100 <= i < 1900 else 0.0 for i, xi in enumerate(x)]))
