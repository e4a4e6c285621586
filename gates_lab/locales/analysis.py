"""Strings of the compare (cmp.), gradients (grad.) and deep (deep.) pages."""

STRINGS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ compare
    "cmp.intro": (
        "One input, three cells of the same hidden size: a value arrives at step 0, then "
        "only noise. How long does each cell still feel x_0? Gates make long memory "
        "possible, not guaranteed: the page opens with the gates set to hold (step 1); "
        "step 2 shows the same cells at random initialisation.",
        "同一个输入，三个隐藏维度相同的单元：第 0 步输入一个值，之后只有噪声。"
        "每个单元还能“感觉到” x_0 多久？门让长期记忆成为可能，但并不保证："
        "页面打开时门被设置为保持（第 1 步）；第 2 步展示同样的单元在随机初始化时的表现。",
    ),
    "cmp.presets": ("Memory presets", "记忆预设"),
    "cmp.preset.no_forget": ("Why a forget gate?", "为什么要遗忘门？"),
    "cmp.preset.no_forget_help": (
        "Add the LSTM without a forget gate (1997) beside the three, on 120 steps of a "
        "constant drive 0.5: watch its cell state c.",
        "在三种单元旁加入没有遗忘门的 LSTM（1997），输入为 120 步、恒定驱动 0.5：观察它的细胞状态 c。"),
    "cmp.extra": ("Add a variant", "添加一个变体"),
    "cmp.extra_help": (
        "A fourth cell beside the three: an LSTM or GRU with a gate taken away, coupled or "
        "with peepholes, or the minimal gated unit.",
        "在三种单元旁加入第四个：去掉一个门、耦合或带窥视孔的 LSTM 或 GRU，或最小门控单元。"),
    "cmp.extra.none": ("none", "无"),
    "cmp.drive": ("Constant drive added to every step", "每一步加上的恒定驱动"),
    "cmp.drive_help": (
        "A constant added to the input at every step after x_0 (0: noise alone). A long "
        "constant drive shows why the LSTM needs its forget gate.",
        "在 x_0 之后每一步的输入上加的常数（0：只有噪声）。长时间的恒定驱动说明了 LSTM 为什么需要遗忘门。"),
    "cmp.extra_cell": (
        "{cell}: the largest |c| is {first} a quarter of the way in and {last} at step {n} "
        "(the LSTM with its forget gate stays below {lstm}). Without a forget gate the cell "
        "state only adds, so on a constant drive it grows without bound.",
        "{cell}：最大的 |c| 在四分之一处为 {first}，在第 {n} 步为 {last}（有遗忘门的 LSTM 始终低于 "
        "{lstm}）。没有遗忘门时细胞状态只会累加，所以在恒定驱动下会无限增长。"),
    "cmp.preset.hold": ("1 · Gates set to hold", "1 · 门设为保持"),
    "cmp.preset.hold_help": (
        "RNN: seeded init (no gate to set). LSTM: forget bias +2 (f ≈ 0.9). GRU: update bias "
        "+2 (z ≈ 0.9, which keeps the old state).",
        "RNN：随机初始化（没有可设置的门）。LSTM：遗忘门偏置 +2（f ≈ 0.9）。"
        "GRU：更新门偏置 +2（z ≈ 0.9，即保留旧状态）。",
    ),
    "cmp.lesson.hold": (
        "Step 1 of 2 — gates set to hold. The LSTM's forget-gate bias and the GRU's "
        "update-gate bias are shifted by +2, so f and z sit near 0.9: each step keeps most "
        "of the state and both gated cells carry x_0 through the noise. The plain RNN has no "
        "gate to set; its state is rewritten through W_hh and tanh at every step, and x_0 "
        "fades much sooner. Training finds such biases when a task needs memory (Keras "
        "starts every LSTM with forget bias +1 for this reason).",
        "第 1 步（共 2 步）——门设为保持。LSTM 的遗忘门偏置和 GRU 的更新门偏置都加了 +2，"
        "f 和 z 约为 0.9：每一步都保留大部分状态，两个带门的单元都能把 x_0 带过噪声。"
        "普通 RNN 没有可以设置的门，它的状态每一步都经 W_hh 和 tanh 重写，x_0 消失得早得多。"
        "任务需要记忆时，训练会找到这样的偏置（Keras 正因如此把每个 LSTM 的遗忘门偏置初始化为 +1）。",
    ),
    "cmp.lesson.init": (
        "Step 2 of 2 — at random initialisation, gates guarantee nothing. With PyTorch's "
        "initial biases (near 0) the forget and update gates sit near 0.5, so every step "
        "keeps only about half of the state, and the LSTM and GRU forget x_0 about as fast "
        "as the plain RNN. Gates make long memory possible; biases near 1 (learned, or set "
        "as in step 1) make it happen.",
        "第 2 步（共 2 步）——随机初始化时，门什么也不保证。PyTorch 的初始偏置接近 0，"
        "遗忘门和更新门都在 0.5 附近，每一步只保留大约一半的状态，LSTM 和 GRU 遗忘 x_0 的速度"
        "与普通 RNN 差不多。门让长期记忆成为可能；让门接近 1 的偏置（学到的，或像第 1 步那样设置的）"
        "才让它真正发生。",
    ),
    "cmp.lesson.go_init": ("Step 2: the same cells at random initialisation →",
                           "第 2 步：同样的单元，随机初始化 →"),
    "cmp.lesson.go_hold": ("← Step 1: gates set to hold", "← 第 1 步：门设为保持"),
    "cmp.preset.forget": ("All three forget", "三者都遗忘"),
    "cmp.preset.forget_help": (
        "RNN: W_hh = 0.5·I. LSTM: forget bias −3 (f ≈ 0.05). GRU: update bias −3 (z ≈ 0.05, "
        "the new candidate replaces the state).",
        "RNN：W_hh = 0.5·I。LSTM：遗忘门偏置 −3（f ≈ 0.05）。GRU：更新门偏置 −3"
        "（z ≈ 0.05，新候选状态取代旧状态）。",
    ),
    "cmp.preset.remember": ("All three remember", "三者都记住"),
    "cmp.preset.remember_help": (
        "RNN: W_hh = 1.0·I. LSTM: forget bias +3 (f ≈ 0.95). GRU: update bias +3 (z ≈ 0.95, "
        "in PyTorch's convention z near 1 keeps the old state).",
        "RNN：W_hh = 1.0·I。LSTM：遗忘门偏置 +3（f ≈ 0.95）。GRU：更新门偏置 +3"
        "（z ≈ 0.95；按 PyTorch 的写法，z 接近 1 时保留旧状态）。",
    ),
    "cmp.preset.init": ("2 · Random initialisation", "2 · 随机初始化"),
    "cmp.preset.init_help": ("PyTorch's seeded initialisation, no knobs turned: gates near 0.5.",
                             "PyTorch 的随机初始化，不调整任何旋钮：门在 0.5 附近。"),
    "cmp.sizes": ("Sizes", "尺寸"),
    "cmp.hidden": ("Hidden size H (all three cells)", "隐藏维度 H（三个单元相同）"),
    "cmp.length": ("Sequence length", "序列长度"),
    "cmp.seed": ("Seed", "随机种子"),
    "cmp.seed_help": ("Seeds the weights of all three cells and the noise.",
                      "同时决定三个单元的权重和噪声。"),
    "cmp.input": ("Input", "输入"),
    "cmp.impulse": ("Value at step 0 (x_0)", "第 0 步的值（x_0）"),
    "cmp.noise": ("Distractor noise after step 0", "第 0 步之后的干扰噪声"),
    "cmp.noise_help": ("Standard deviation of the Gaussian noise at steps 1, 2, ...",
                       "第 1、2…… 步的高斯噪声标准差。"),
    "cmp.threshold": ("Forgotten below (% of peak)", "低于峰值的多少算遗忘（%）"),
    "cmp.threshold_help": (
        "The retention horizon is the first step after the peak where ‖∂h_t/∂x_0‖ falls "
        "below this share of its peak.",
        "保持步数：‖∂h_t/∂x_0‖ 在峰值之后首次低于峰值这一比例的步数。",
    ),
    "cmp.knobs": ("Memory knobs", "记忆旋钮"),
    "cmp.rnn_identity": ("RNN: W_hh = scale · identity", "RNN：W_hh = 缩放 × 单位矩阵"),
    "cmp.rnn_identity_help": (
        "On: each unit feeds back only to itself with this weight. Off: the seeded W_hh "
        "times the scale.", "开：每个单元只以该权重反馈给自己。关：随机初始化的 W_hh 乘以缩放。",
    ),
    "cmp.rnn_scale": ("RNN recurrent weight scale", "RNN 循环权重缩放"),
    "cmp.lstm_forget": ("LSTM forget-gate bias shift", "LSTM 遗忘门偏置偏移"),
    "cmp.lstm_forget_help": ("Added to b_hf: +3 opens the forget gate (keep), −3 closes it.",
                             "加到 b_hf 上：+3 让遗忘门打开（保留），−3 让它关闭。"),
    "cmp.gru_update": ("GRU update-gate bias shift", "GRU 更新门偏置偏移"),
    "cmp.gru_update_help": (
        "Added to b_hz: +3 makes z ≈ 1, which in PyTorch's convention keeps the old state.",
        "加到 b_hz 上：+3 使 z ≈ 1，按 PyTorch 的写法即保留旧状态。",
    ),
    "cmp.memory": ("How long is x_0 remembered?", "x_0 能被记住多久？"),
    "cmp.memory_help": (
        "Influence of the first input on the hidden state, ‖∂h_t/∂x_0‖, computed by "
        "backpropagation through time (gates.backward). Log scale: a straight falling line "
        "is exponential forgetting. Horizon: first step below {pct} % of the peak.",
        "第一个输入对隐藏状态的影响 ‖∂h_t/∂x_0‖，由随时间反向传播（gates.backward）算出。"
        "对数坐标：直线下降即指数遗忘。保持步数：首次低于峰值 {pct}% 的步数。",
    ),
    "cmp.horizon": ("{cell} remembers", "{cell} 记住"),
    "cmp.horizon_help": ("First step where the influence of x_0 is below {pct} % of its peak.",
                         "x_0 的影响首次低于其峰值 {pct}% 的步数。"),
    "cmp.horizon_steps": ("{n} steps", "{n} 步"),
    "cmp.horizon_beyond": ("> {n} steps", "> {n} 步"),
    "cmp.threshold_line": ("{pct} % of the peak", "峰值的 {pct}%"),
    "cmp.influence_title": ("Influence of x_0 on h_t", "x_0 对 h_t 的影响"),
    "cmp.step": ("time step t", "时间步 t"),
    "cmp.side_by_side": ("Gates and states side by side", "门与状态并排对比"),
    "cmp.side_by_side_help": (
        "Each row is one quantity over time, units up the y axis. Gates on 0..1, h and the "
        "candidates on −1..1.",
        "每一行是一个量随时间的变化，纵轴为单元。门的范围为 0..1，h 和候选值为 −1..1。",
    ),
    "cmp.structure": ("Structure and cost", "结构与开销"),
    "cmp.structure_help": (
        "For input size I = 1 and hidden size H = {H}. Parameters: weights W_ih, W_hh and "
        "biases b_ih, b_hh per gate block, as torch.nn counts them.",
        "输入维度 I = 1、隐藏维度 H = {H} 时的情况。参数：每个门块的 W_ih、W_hh 和偏置 "
        "b_ih、b_hh，与 torch.nn 的计数一致。",
    ),
    "cmp.structure_note": (
        "Time: median of this engine's trace (NumPy, one sequence), per step. GRU has 3/4 of "
        "the LSTM's parameters and no cell state: cheaper, usually as good.",
        "时间：本引擎 trace（NumPy，单个序列）每步耗时的中位数。GRU 的参数量是 LSTM 的 "
        "3/4，且没有细胞状态：更省，效果通常相当。",
    ),
    "cmp.col.cell": ("Cell", "单元"),
    "cmp.col.gates": ("Gates", "门"),
    "cmp.col.states": ("States carried", "传递的状态"),
    "cmp.col.formula": ("Parameters (formula)", "参数量（公式）"),
    "cmp.col.params": ("Parameters", "参数量"),
    "cmp.col.time": ("µs per step", "每步微秒"),
    "cmp.col.time_help": (
        "Microseconds (millionths of a second) this engine takes for one time step of one "
        "sequence, measured on this server.",
        "本引擎在这台服务器上处理一个序列的一个时间步所用的微秒数（百万分之一秒）。"),
    "cmp.time_words": (
        "µs per step, in words: one time step takes the plain RNN {rnn} millionths of a "
        "second, the LSTM {lstm} ({lx}× the RNN's time) and the GRU {gru} ({gx}×). At that "
        "speed the LSTM runs about {steps} steps a second. The times are measured on this "
        "server as the page loads, so they vary with its load.",
        "每步微秒，换句话说：普通 RNN 处理一个时间步需要 {rnn} 微秒（百万分之一秒），LSTM 需要 "
        "{lstm} 微秒（RNN 的 {lx} 倍），GRU 需要 {gru} 微秒（{gx} 倍）。按这个速度，LSTM 每秒约能"
        "处理 {steps} 步。这些时间是页面加载时在这台服务器上测得的，会随服务器负载而变化。"),
    "cmp.gates.rnn": ("none (one tanh)", "无（一个 tanh）"),
    "cmp.gates.lstm": ("input i, forget f, output o (+ candidate g)",
                       "输入门 i、遗忘门 f、输出门 o（+ 候选值 g）"),
    "cmp.gates.gru": ("reset r, update z (+ candidate n)", "重置门 r、更新门 z（+ 候选状态 n）"),
    # ------------------------------------------------------------------ gradients
    "grad.intro": (
        "Backpropagation through time, computed by gates.backward: the loss is taken at one "
        "step T, and the gradient flows back through every earlier step. In a plain RNN it "
        "is multiplied by W_hh and tanh' at every step, so it shrinks or grows "
        "geometrically; gates give it another way back.",
        "随时间反向传播，由 gates.backward 计算：损失在某一步 T 取值，梯度沿时间流回之前的每一步。"
        "普通 RNN 中梯度每一步都要乘以 W_hh 和 tanh'，因此呈几何级数缩小或增大；门为它提供了另一条回路。",
    ),
    "grad.presets": ("Two steps", "两步"),
    "grad.preset.highway": ("1 · The gradient highway", "1 · 梯度高速公路"),
    "grad.preset.highway_help": ("LSTM forget-gate bias +3 (f ≈ 0.95); W_hh unscaled, tanh.",
                                 "LSTM 遗忘门偏置 +3（f ≈ 0.95）；W_hh 不缩放，tanh。"),
    "grad.preset.init": ("2 · Random initialisation", "2 · 随机初始化"),
    "grad.preset.init_help": ("PyTorch's seeded initialisation, no knobs turned: forget "
                              "gates near 0.5.",
                              "PyTorch 的随机初始化，不调整任何旋钮：遗忘门在 0.5 附近。"),
    "grad.lesson.highway": (
        "Step 1 of 2 — the gradient highway. The LSTM's forget-gate bias is shifted by +3, "
        "so its forget gates sit near 0.95: going back along the cell state the gradient is "
        "multiplied only by f, with no W_hh and no tanh', and its factor per step stays near "
        "1. The plain RNN's gradient (and the GRU's, left at random initialisation) shrinks "
        "by a constant factor every step and is gone long before the start.",
        "第 1 步（共 2 步）——梯度高速公路。LSTM 的遗忘门偏置加了 +3，遗忘门约为 0.95："
        "沿细胞状态往回走，梯度每步只乘以 f，没有 W_hh，也没有 tanh'，每步因子保持在 1 附近。"
        "普通 RNN 的梯度（以及保持随机初始化的 GRU 的梯度）每步都按固定比例缩小，远在到达开头之前就消失了。",
    ),
    "grad.lesson.init": (
        "Step 2 of 2 — random initialisation. With PyTorch's initial biases the forget gates "
        "sit near 0.5, so the product f_(t+1) ⋯ f_T loses about half at every step and the LSTM's "
        "gradient vanishes like the plain RNN's. The highway is there only when the forget "
        "gates are near 1: set by hand as in step 1, or learned.",
        "第 2 步（共 2 步）——随机初始化。PyTorch 的初始偏置让遗忘门在 0.5 附近，"
        "乘积 f_(t+1) ⋯ f_T 每步大约减半，LSTM 的梯度像普通 RNN 一样消失。"
        "只有遗忘门接近 1 时才有这条高速公路：像第 1 步那样手动设置，或者通过学习得到。",
    ),
    "grad.lesson.go_init": ("Step 2: the same cells at random initialisation →",
                            "第 2 步：同样的单元，随机初始化 →"),
    "grad.lesson.go_highway": ("← Step 1: the gradient highway", "← 第 1 步：梯度高速公路"),
    "grad.length": ("Sequence length", "序列长度"),
    "grad.hidden": ("Hidden size H", "隐藏维度 H"),
    "grad.seed": ("Seed (weights, input, v)", "随机种子（权重、输入、v）"),
    "grad.loss_step": ("Loss taken at step T", "损失所在的时间步 T"),
    "grad.loss_step_help": ("The loss depends on h_T only; steps after T get no gradient.",
                            "损失只依赖 h_T；T 之后的时间步没有梯度。"),
    "grad.loss": ("Loss", "损失"),
    "grad.loss.sum": ("L = sum of h_T", "L = h_T 各分量之和"),
    "grad.loss.dot": ("L = h_T · v (random v)", "L = h_T · v（随机 v）"),
    "grad.noise": ("Input noise (std)", "输入噪声（标准差）"),
    "grad.scale": ("Recurrent weight scale (× W_hh)", "循环权重缩放（× W_hh）"),
    "grad.scale_help": (
        "Multiplies every cell's W_hh. Walk the plain RNN from vanishing (small) to "
        "exploding (large; try relu).",
        "乘到每个单元的 W_hh 上。让普通 RNN 从梯度消失（小）走到梯度爆炸（大；试试 relu）。",
    ),
    "grad.nonlinearity": ("RNN nonlinearity", "RNN 非线性函数"),
    "grad.forget_bias": ("LSTM forget-gate bias shift", "LSTM 遗忘门偏置偏移"),
    "grad.forget_bias_help": ("+3 puts the forget gates near 1: the cell-state path keeps the "
                              "gradient.", "+3 让遗忘门接近 1：细胞状态这条路保住梯度。"),
    "grad.heatmap_cbar": ("|∂L/∂h_t| per unit (no unit)", "每个单元的 |∂L/∂h_t|（无单位）"),
    "grad.decay": ("Per-step decay factor", "每步衰减因子"),
    "grad.decay_help": (
        "Geometric mean of ‖∂L/∂h_(t−1)‖ / ‖∂L/∂h_t‖ over t = 1..T: below 1 the gradient "
        "vanishes going back, above 1 it explodes.",
        "t = 1..T 上 ‖∂L/∂h_(t−1)‖ / ‖∂L/∂h_t‖ 的几何平均：小于 1 时梯度向前传播时消失，大于 1 时爆炸。",
    ),
    "grad.decay_of": ("{cell}: factor per step", "{cell}：每步因子"),
    "grad.decay_of_help": ("Measured from the backward pass.", "由反向传播实测得到。"),
    "grad.gain": ("RNN: ρ(W_hh) · mean tanh'", "RNN：ρ(W_hh) · tanh' 均值"),
    "grad.gain_help": (
        "Spectral radius ρ(W_hh) = {rho} times the mean slope of the nonlinearity along the "
        "run = {d}: the theory's per-step factor for the plain RNN.",
        "谱半径 ρ(W_hh) = {rho} 乘以沿途非线性函数的平均斜率 {d}：理论上普通 RNN 的每步因子。",
    ),
    "grad.ratio": ("RNN: ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖", "RNN：‖∂L/∂h_0‖ / ‖∂L/∂h_T‖"),
    "grad.ratio_help": ("How much of the gradient reaches the first step.",
                        "有多少梯度能传回第一步。"),
    "grad.ratio_words.smaller": (
        "In words: the gradient that reaches step 0 is {r} times the one at step {T}, about "
        "{n} orders of magnitude smaller: divided by a number with {n} zeros, almost nothing "
        "arrives.",
        "换句话说：传回第 0 步的梯度是第 {T} 步的 {r} 倍，约小 {n} 个数量级：相当于除以一个带 {n} "
        "个零的数，几乎什么也传不回来。"),
    "grad.ratio_words.larger": (
        "In words: the gradient that reaches step 0 is {r} times the one at step {T}, about "
        "{n} orders of magnitude larger: it exploded on the way back.",
        "换句话说：传回第 0 步的梯度是第 {T} 步的 {r} 倍，约大 {n} 个数量级：它在反向传播中爆炸了。"),
    "grad.ratio_words.same": (
        "In words: the gradient that reaches step 0 is {r} times the one at step {T}, about "
        "the same size: it neither vanished nor exploded.",
        "换句话说：传回第 0 步的梯度是第 {T} 步的 {r} 倍，大小差不多：既没有消失也没有爆炸。"),
    "grad.ratio_words.none": (
        "No ratio: the gradient at step T is zero or not a number.",
        "无法计算比值：第 T 步的梯度为零或不是有效数值。"),
    "grad.verdict.vanish": (
        "The plain RNN's gradient shrinks by about ×{d} per step: after {n} steps almost "
        "nothing reaches the start. It cannot learn what happened there.",
        "普通 RNN 的梯度每步约乘以 {d}：经过 {n} 步后几乎传不回开头，它学不到开头发生了什么。",
    ),
    "grad.verdict.explode": (
        "The plain RNN's gradient grows by about ×{d} per step: over {n} steps it explodes "
        "(training would need gradient clipping).",
        "普通 RNN 的梯度每步约乘以 {d}：经过 {n} 步后爆炸（训练时需要梯度裁剪）。",
    ),
    "grad.verdict.edge": (
        "Factor ×{d} per step: the plain RNN sits at the edge between vanishing and "
        "exploding, a knife edge that training rarely keeps.",
        "每步因子 ×{d}：普通 RNN 正处于消失与爆炸的分界上——训练中很难一直保持。",
    ),
    "grad.norms": ("Gradient norms through time", "梯度范数随时间的变化"),
    "grad.norms_help": (
        "Loss at step {T}; log scale, so geometric decay is a straight line.",
        "损失位于第 {T} 步；对数坐标，几何衰减显示为一条直线。",
    ),
    "grad.loss_mark": ("loss at T = {T}", "损失 T = {T}"),
    "grad.dh_title": ("‖∂L/∂h_t‖ per step", "每步的 ‖∂L/∂h_t‖"),
    "grad.dx_title": ("‖∂L/∂x_t‖ per step", "每步的 ‖∂L/∂x_t‖"),
    "grad.step": ("time step t", "时间步 t"),
    "grad.unit": ("unit", "单元"),
    "grad.heatmap": ("∂L/∂h_t unit by unit", "逐个单元的 ∂L/∂h_t"),
    "grad.kind": ("Cell", "单元"),
    "grad.heatmap_help": ("Colour: log₁₀ |∂L/∂h_t| per unit and step (dark: vanished).",
                          "颜色：每个单元、每一步的 log₁₀ |∂L/∂h_t|（越暗越接近消失）。"),
    "grad.heatmap_title": ("{cell}: log₁₀ |∂L/∂h_t|", "{cell}：梯度 log₁₀ |∂L/∂h_t|"),
    "grad.highway": ("The LSTM's gradient highway", "LSTM 的梯度高速公路"),
    "grad.highway_help": (
        "c_t = f_t ⊙ c_(t−1) + i_t ⊙ g_t, so along the cell state alone "
        "∂L/∂c_t = ∂L/∂c_{T} ⊙ f_(t+1) ⊙ … ⊙ f_{T}: no W_hh, no tanh'. With forget gates "
        "near 1 the measured ‖∂L/∂c_t‖ follows that product and stays large.",
        "c_t = f_t ⊙ c_(t−1) + i_t ⊙ g_t，因此仅沿细胞状态 ∂L/∂c_t = ∂L/∂c_{T} ⊙ f_(t+1) ⊙ … ⊙ f_{T}："
        "没有 W_hh，也没有 tanh'。遗忘门接近 1 时，实测的 ‖∂L/∂c_t‖ 跟随这个乘积并保持较大。",
    ),
    "grad.hw_title": ("LSTM: cell-state gradient and forget-gate product",
                      "LSTM：细胞状态梯度与遗忘门乘积"),
    "grad.hw_y": ("magnitude", "大小"),
    "grad.hw.dc": ("measured ‖∂L/∂c_t‖", "实测 ‖∂L/∂c_t‖"),
    "grad.hw.path": ("cell path alone ‖∂L/∂c_T ⊙ ∏f‖", "仅细胞路径 ‖∂L/∂c_T ⊙ ∏f‖"),
    "grad.hw.prod": ("mean over units of ∏ f_s (s = t+1..T)", "各单元 ∏ f_s（s = t+1..T）的平均"),
    "grad.hw.dh": ("measured ‖∂L/∂h_t‖", "实测 ‖∂L/∂h_t‖"),
    # ------------------------------------------------------------------ deep
    "deep.intro": (
        "num_layers stacks cells: layer l reads the outputs of layer l−1. bidirectional runs "
        "a second cell from the last step to the first and concatenates the two. The shapes "
        "below are the ones torch reports; the numbers match torch.nn to 1e-12.",
        "num_layers 把单元堆叠起来：第 l 层读取第 l−1 层的输出。bidirectional 再用一个单元从最后一步"
        "读到第一步，并把两个方向拼接起来。下面的形状与 torch 报告的一致；数值与 torch.nn 相差不超过 1e-12。",
    ),
    "deep.textbook": ("Textbook examples", "教材示例"),
    "deep.textbook.gru": ("nn.GRU(10, 20, 2) on input (5, 3, 10)",
                          "nn.GRU(10, 20, 2)，输入 (5, 3, 10)"),
    "deep.textbook.bigru": ("… bidirectional=True (Bi-GRU)", "… 改为双向 bidirectional=True（Bi-GRU）"),
    "deep.kind": ("Cell", "单元"),
    "deep.layers": ("num_layers", "层数 num_layers"),
    "deep.bidirectional": ("bidirectional", "双向 bidirectional"),
    "deep.batch": ("Batch size", "批大小"),
    "deep.batch_first": ("batch_first", "batch_first"),
    "deep.batch_first_help": (
        "Input and output become (batch, seq_len, features); h_n and c_n stay "
        "(num_layers·D, batch, H).",
        "输入和输出变为 (batch, seq_len, features)；h_n 和 c_n 仍为 (num_layers·D, batch, H)。",
    ),
    "deep.length": ("Sequence length", "序列长度"),
    "deep.input_size": ("input_size", "输入维度 input_size"),
    "deep.hidden_size": ("hidden_size H", "隐藏维度 hidden_size H"),
    "deep.seed": ("Seed (weights and input)", "随机种子（权重和输入）"),
    "deep.shapes": ("Shapes, as torch reports them", "torch 报告的形状"),
    "deep.shapes_help": (
        "D = {D} direction(s), {L} layer(s). output holds the top layer only; h_n holds the "
        "last state of every layer and direction.",
        "D = {D} 个方向，{L} 层。output 只包含最上层；h_n 包含每一层、每个方向的最后状态。",
    ),
    "deep.layout": ("How the directions are concatenated", "两个方向如何拼接"),
    "deep.concat_uni": (
        "One direction: output[..., 0:{H}] (units 0..{a}) is h_t of the top layer at every step.",
        "单向：output[..., 0:{H}]（单元 0..{a}）就是最上层在每一步的 h_t。",
    ),
    "deep.concat_bi": (
        "Two directions: output[..., :H] (units 0..{a}) is the **forward** pass, "
        "output[..., H:] (units {H}..{b}) the **backward** pass, which read the sequence "
        "from the end: at step t it has seen x_t … x_(L−1). So the forward pass ends at the "
        "last step, the backward pass at step 0.",
        "双向：output[..., :H]（单元 0..{a}）是**正向**，output[..., H:]（单元 {H}..{b}）是"
        "**反向**，反向从序列末尾读起：在第 t 步它已看过 x_t … x_(L−1)。所以正向在最后一步结束，"
        "反向在第 0 步结束。",
    ),
    "deep.hn_layout": (
        "h_n has {n} rows, row index = layer · D + direction. Rows of the top layer are "
        "copies of output entries (the difference column checks it):",
        "h_n 有 {n} 行，行号 = layer · D + direction。最上层的行就是 output 中的某些元素"
        "（差值一列作了检验）：",
    ),
    "deep.col.index": ("h_n row", "h_n 行"),
    "deep.col.layer": ("layer", "层"),
    "deep.col.direction": ("direction", "方向"),
    "deep.col.equals": ("equals", "等于"),
    "deep.col.diff": ("max |difference|", "最大 |差值|"),
    "deep.dir.0": ("forward", "正向"),
    "deep.dir.1": ("backward", "反向"),
    "deep.not_in_output": ("(a lower layer: not in output)", "（较低的层：不在 output 中）"),
    "deep.code": ("The same in PyTorch", "对应的 PyTorch 代码"),
    "deep.code_help": (
        "The lab starts from h0 = 0; the textbook's h0 = torch.randn(...) changes the "
        "numbers, not the shapes.",
        "本实验从 h0 = 0 开始；教材中的 h0 = torch.randn(...) 会改变数值，但不改变形状。",
    ),
    "deep.check": ("Check against PyTorch", "与 PyTorch 对照"),
    "deep.check_help": (
        "Runs torch.nn with the same weights and input in float64 and reports the largest "
        "difference over output, h_n (and c_n).",
        "用相同的权重和输入在 float64 下运行 torch.nn，报告 output、h_n（和 c_n）上的最大差值。",
    ),
    "deep.checking": ("Loading PyTorch…", "正在加载 PyTorch……"),
    "deep.max_diff": ("Largest |gates − torch|", "最大 |gates − torch|"),
    "deep.check_ok": ("Same numbers as torch.nn (below 1e-12).",
                      "与 torch.nn 的数值相同（差值小于 1e-12）。"),
    "deep.check_bad": ("Larger than 1e-12: please report this.", "大于 1e-12：请报告此问题。"),
    "deep.gates": ("Every layer's and direction's gates", "每一层、每个方向的门"),
    "deep.gates_help": (
        "Batch item 0; rows by input time step, for the backward direction too.",
        "批中第 0 个样本；行按输入时间步排列，反向也一样。",
    ),
    "deep.layer_tab": ("Layer {layer}", "第 {layer} 层"),
    "deep.gates_title": ("layer {layer}, {dir}", "第 {layer} 层，{dir}"),
}
